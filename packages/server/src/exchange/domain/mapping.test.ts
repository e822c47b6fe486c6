import { describe, expect, it } from 'vitest';
import { channelOf, emptyMapping, mapInbound, theirField, theirState, type FieldMapping } from './mapping.js';

const m12345: FieldMapping = {
  fields: {
    narrative: 'appealContent',
    title: 'appealTitle',
    typeCode: 'appealType',
    subjectCode: 'appealItem',
    'place.divisionCode': 'areaCode',
    'callers.0.name': 'citizen.name',
    'callers.0.phone': 'citizen.mobile',
    'employer.name': 'companyName',
  },
  values: { typeCode: { 投诉: 'complaint', 咨询: 'consult' }, 'place.divisionCode': { 呼和浩特: '150100' } },
  states: { handling: '办理中', archived: '已办结' },
  defaults: { priority: 'normal', riskFlags: [] },
};

describe('mapping a partner order to ours', () => {
  it('fills our fields from theirs, translating values, with defaults', () => {
    const ours = mapInbound(m12345, {
      appealContent: '拖欠工资三个月',
      appealType: '投诉',
      appealItem: 'wage_arrears',
      areaCode: '呼和浩特',
      citizen: { name: '张三', mobile: '13900000000' },
      companyName: '某公司',
      somethingElse: 1,
    });
    expect(ours).toEqual({
      priority: 'normal',
      riskFlags: [],
      narrative: '拖欠工资三个月',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      place: { divisionCode: '150100' },
      callers: [{ name: '张三', phone: '13900000000' }],
      employer: { name: '某公司' },
    });
  });
  it('an unknown value passes as it came (the validation names it); a partner without mapping speaks our fields', () => {
    expect(mapInbound(m12345, { appealType: '表扬' }).typeCode).toBe('表扬');
    expect(mapInbound(emptyMapping, { narrative: 'x', typeCode: 'consult', channel: 'phone' })).toEqual({ narrative: 'x', typeCode: 'consult' });
    expect(mapInbound(m12345, 'not an object')).toEqual({ priority: 'normal', riskFlags: [] });
  });
  it('names our fields in their terms', () => {
    expect(theirField(m12345, 'narrative')).toBe('appealContent');
    expect(theirField(m12345, 'callers.0.phone')).toBe('citizen.mobile');
    expect(theirField(m12345, 'callers.1.name')).toBe('callers.1.name');
    expect(theirField({ ...emptyMapping, fields: { employer: 'company' } }, 'employer.creditCode')).toBe('company.creditCode');
    expect(theirField(m12345, 'tier')).toBe('tier');
  });
  it('names states in their words, and gives each kind of partner its channel', () => {
    expect(theirState(m12345, 'archived')).toBe('已办结');
    expect(theirState(m12345, 'replied')).toBe('replied');
    expect(channelOf('national')).toBe('upper_platform');
    expect(channelOf('gov12345')).toBe('transfer_12345');
    expect(channelOf('other')).toBe('other');
  });
});

describe('outbound', async () => {
  const { mapOutbound, statusPayload, wireBody, isReported } = await import('./outbound.js');
  it('maps our order back into their fields, translating values back', () => {
    expect(mapOutbound(m12345, { narrative: 'n', typeCode: 'complaint', place: { divisionCode: '150100' }, number: 'X1' })).toEqual({
      appealContent: 'n',
      appealType: '投诉',
      areaCode: '呼和浩特',
      number: 'X1',
    });
  });
  it('reports state changes in their state names, with our message id and sequence on the wire', () => {
    const p = statusPayload(m12345, { externalId: 'E1', number: 'N1', state: 'archived', action: 'archive', at: new Date('2026-11-30T00:00:00Z') });
    expect(p).toMatchObject({ state: '已办结', stateCode: 'archived', action: 'archive', externalId: 'E1' });
    expect(statusPayload(m12345, { externalId: 'E1', number: 'N1', state: 'pending_dispatch', action: 'create', at: new Date() }).action).toBe('received');
    expect(JSON.parse(wireBody({ id: 7, seq: 2, kind: 'status', payload: p }))).toMatchObject({ messageId: '7', seq: 2, type: 'status' });
    expect(isReported('dispatch')).toBe(true);
    expect(isReported('add_note')).toBe(false);
  });
  it('an order invalidated as not a union matter is returned, with the reason; other invalidations keep theirs inside', () => {
    const at = new Date('2026-11-30T00:00:00Z');
    const o = { externalId: 'E1', number: 'N1', state: 'invalid', action: 'invalidate', at, invalidReason: '小区物业纠纷，属住建部门职责' };
    expect(statusPayload(m12345, { ...o, invalidCategory: 'not_union_matter' })).toMatchObject({
      action: 'returned',
      reason: '小区物业纠纷，属住建部门职责',
      stateCode: 'invalid',
    });
    const nuisance = statusPayload(m12345, { ...o, invalidCategory: 'nuisance', invalidReason: '骚扰电话' });
    expect(nuisance.action).toBe('invalidate');
    expect(nuisance).not.toHaveProperty('reason');
  });
});
