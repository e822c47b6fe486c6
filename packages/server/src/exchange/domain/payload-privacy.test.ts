import { describe, expect, it } from 'vitest';
import { emptyMapping, type FieldMapping } from './mapping.js';
import { hiddenText, maskedInboundOrder, shownPayload } from './payload-privacy.js';

const m12345: FieldMapping = {
  ...emptyMapping,
  fields: { narrative: 'appealContent', 'callers.0.name': 'citizen.name', 'callers.0.phone': 'citizen.mobile', 'callers.0.idNumber': 'citizen.idCard' },
};
const citizen = { name: '张三', mobile: '139-1234-5678', idCard: '11010519491231002x' };

describe('a partner order as a message shows it', () => {
  it('masks the mapped caller’s numbers as the order view does, the name shown, the request as sent', () => {
    const theirs = { appealContent: '拖欠工资，联系 13912345678', citizen };
    expect(maskedInboundOrder(m12345, theirs)).toEqual({
      appealContent: '拖欠工资，联系 13912345678',
      citizen: { name: '张三', mobile: '139****5678', idCard: '110105********002X' },
    });
    // The partner's order itself is left as it was.
    expect(theirs.citizen.mobile).toBe('139-1234-5678');
  });

  it('hides every personal field of a confidential order, however it says so', () => {
    const hidden = { name: hiddenText, mobile: hiddenText, idCard: hiddenText };
    expect(maskedInboundOrder(m12345, { confidential: true, citizen })).toEqual({ confidential: true, citizen: hidden });
    // Confidential by the partner's mapping: a default, or a field of theirs.
    expect(maskedInboundOrder({ ...m12345, defaults: { confidential: true } }, { citizen })).toEqual({ citizen: hidden });
    const byField = { ...m12345, fields: { ...m12345.fields, confidential: 'secret' } };
    expect(maskedInboundOrder(byField, { secret: true, citizen })).toEqual({ secret: true, citizen: hidden });
  });

  it('masks callers sent under our own names, every one of them', () => {
    const theirs = {
      callers: [
        { name: '甲', phone: '04711234567', idNumber: '11010519491231002X' },
        { name: '乙', phone: '+86 139 0000 1111' },
      ],
    };
    expect(maskedInboundOrder(emptyMapping, theirs)).toEqual({
      callers: [
        { name: '甲', phone: '047****4567', idNumber: '110105********002X' },
        { name: '乙', phone: '139****1111' },
      ],
    });
    expect(maskedInboundOrder(emptyMapping, { ...theirs, confidential: true })).toEqual({
      confidential: true,
      callers: [
        { name: hiddenText, phone: hiddenText, idNumber: hiddenText },
        { name: hiddenText, phone: hiddenText },
      ],
    });
  });

  it('masks a number in a field the mapping leaves out, by its shape; leaves amounts, codes and hotlines alone', () => {
    const theirs = {
      citizen: { spare: 13800001111, card: '11010519491231002X', office: '010-12345678' },
      amount: 30000,
      creditCode: '91150100MA0N1XYZ12',
      hotline: '12345',
      wrongChecksum: '110105194912310021',
    };
    expect(maskedInboundOrder(emptyMapping, theirs)).toEqual({
      citizen: { spare: '138****1111', card: '110105********002X', office: '010****5678' },
      amount: 30000,
      creditCode: '91150100MA0N1XYZ12',
      hotline: '12345',
      wrongChecksum: '110105194912310021',
    });
  });

  it('masks only a partner’s order: the messages we send carry no caller', () => {
    const order = { number: 'N-1', order: { citizen } };
    expect(shownPayload({ direction: 'in', kind: 'order', payload: order }, m12345)).toEqual({
      number: 'N-1',
      order: { citizen: { name: '张三', mobile: '139****5678', idCard: '110105********002X' } },
    });
    const status = { type: 'status', orderNumber: '12351-150000-20261130-0001', state: '办理中' };
    expect(shownPayload({ direction: 'out', kind: 'status', payload: status }, m12345)).toBe(status);
    const answer = { answer: '已答复', handledBy: '王科员' };
    expect(shownPayload({ direction: 'in', kind: 'answer', payload: answer }, undefined)).toBe(answer);
    // A partner removed since: its order is masked by shape at least.
    expect(shownPayload({ direction: 'in', kind: 'order', payload: order }, undefined)).toMatchObject({ order: { citizen: { mobile: '139****5678' } } });
  });
});
