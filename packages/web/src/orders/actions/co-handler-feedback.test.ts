import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../api/types.js';
import { coHandlerUnitNames, coHandlersWithoutFeedback } from './co-handler-feedback.js';

const row = (id: string, name: string, over: Partial<OrderView['coHandlers'][number]> = {}): OrderView['coHandlers'][number] => ({
  id: `row-${id}`,
  unit: { id, name },
  task: null,
  invitedAt: '2026-12-01T01:00:00.000Z',
  removedAt: null,
  partReply: null,
  repliedAt: null,
  ...over,
});

describe('co-handlers without feedback, for the reviewer', () => {
  // The walk-through: an order archived while both co-handler rows still showed 待反馈.
  const coHandlers = [
    row('u1', '新城区人社局'),
    row('u2', '新城区劳动监察大队'),
    row('u3', '某街道工会', { partReply: '已核实', repliedAt: '2026-12-02T01:00:00.000Z' }),
    row('u4', '已移除单位', { removedAt: '2026-12-02T01:00:00.000Z' }),
  ];

  it('lists the current co-handlers that never reported their part', () => {
    expect(coHandlersWithoutFeedback({ coHandlers })).toEqual(['新城区人社局', '新城区劳动监察大队']);
    expect(coHandlersWithoutFeedback({ coHandlers: [] })).toEqual([]);
  });

  it('names every co-handler unit for the timeline, removed ones too', () => {
    expect(coHandlerUnitNames({ coHandlers }).get('u4')).toBe('已移除单位');
  });
});
