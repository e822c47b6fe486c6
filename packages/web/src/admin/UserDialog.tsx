import { App, Form, Modal } from 'antd';
import { usersApi, type UserInput } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import type { Role, User } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { FormProblems, useFormSubmit } from '../shell/form-submit.js';
import { AccountFields } from './users/AccountFields.js';
import { RoleGrants } from './users/RoleGrants.js';
import { validValues } from '../api/form-errors.js';

type Values = {
  username: string;
  displayName: string;
  kind: 'person' | 'integration';
  unitId: string;
  roles: { role: Role; unitId: string }[];
  phone?: string;
  idNumber?: string;
  email?: string;
  password?: string;
  active: boolean;
};

const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);

/** Create a person (or an integration account), or change one; roles are held at units. */
export function UserDialog({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (u: User, password: string | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, problems, run } = useFormSubmit(form, (e) => {
    if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') message.warning(t('该人员刚被他人修改，请关闭后重新打开'));
  });
  const kind = Form.useWatch('kind', form);
  const initial: Partial<Values> = user
    ? {
        username: user.username,
        displayName: user.displayName,
        kind: user.kind,
        unitId: user.unit.id,
        roles: user.roles.map((r) => ({ role: r.role, unitId: r.unit.id })),
        // Masked values are not sent back: an administrator sees them plain, other roles cannot edit.
        phone: user.masked ? undefined : (user.phone ?? undefined),
        idNumber: user.masked ? undefined : (user.idNumber ?? undefined),
        email: user.email ?? undefined,
        active: user.active,
      }
    : { kind: 'person', roles: [], active: true };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    await run(async () => {
      if (user) {
        const body: UserInput & { version: number } = {
          version: user.version,
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          roles: v.roles,
          active: v.active,
          email: blank(v.email),
          phone: blank(v.phone),
          idNumber: blank(v.idNumber),
        };
        const u = await usersApi.update(user.id, body);
        message.success(t('已保存'));
        onDone(u, null);
      } else {
        const r = await usersApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          kind: v.kind,
          unitId: v.unitId,
          roles: v.roles,
          ...(blank(v.phone) ? { phone: blank(v.phone) } : {}),
          ...(blank(v.idNumber) ? { idNumber: blank(v.idNumber) } : {}),
          ...(blank(v.email) ? { email: blank(v.email) } : {}),
          ...(v.password ? { password: v.password } : {}),
        });
        message.success(t('已新建 {name}', { name: r.user.username }));
        onDone(r.user, r.password);
      }
    });
  };

  return (
    <Modal
      open
      width={720}
      title={user ? t('修改 {name}', { name: user.displayName }) : t('新建人员')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <FormProblems problems={problems} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <AccountFields user={user} kind={kind} />
        <RoleGrants />
      </Form>
    </Modal>
  );
}
