import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Unit } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { useUnits } from './reference.js';
import { buildUnitTree } from './unit-tree.js';

type Props = {
  value?: string | string[] | undefined;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  /** Units that may not be chosen here (retired ones always). */
  disable?: (u: Unit) => boolean;
  autoFocus?: boolean;
  id?: string;
};

/** A searchable unit tree: type part of a name (新城区) and the matching units open up. */
export function UnitPicker({ value, onChange, multiple, placeholder, disable, autoFocus, id }: Props) {
  const t = useT();
  const { value: units } = useUnits();
  const tree = useMemo(
    () => buildUnitTree(units ?? [], { externalTitle: t('外部协作单位'), disable: (u) => !u.active || (disable?.(u) ?? false) }),
    [units, disable, t],
  );
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v as string | string[] | undefined)}
      treeData={tree}
      multiple={multiple}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={!units}
      placeholder={placeholder ?? t('输入单位名称搜索')}
      treeDefaultExpandedKeys={units?.filter((u) => u.depth === 0).map((u) => u.id) ?? []}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 360 } } }}
      style={{ width: '100%' }}
      autoFocus={autoFocus}
    />
  );
}
