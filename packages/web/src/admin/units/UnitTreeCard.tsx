import { Card, Input, Tree } from 'antd';
import { useMemo, useState } from 'react';
import type { Unit } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { Loading } from '../../shell/states.js';
import { buildUnitTree } from '../../shared/unit-tree.js';

/** The union tree and the external collaborators, searchable by name or division code. */
export function UnitTreeCard({
  units,
  loading,
  selectedId,
  onSelect,
}: {
  units: Unit[];
  loading: boolean;
  selectedId: string | null;
  onSelect: (u: Unit | null) => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const filtered = useMemo(() => {
    const q = search.trim();
    if (!q) return units;
    // Keep the matches and their ancestors, so the tree still shows where each match sits; the selected unit too, so
    // one just created under a match shows up in place.
    const byId = new Map(units.map((u) => [u.id, u]));
    const keep = new Set<string>();
    for (const u of units) {
      if (u.id !== selectedId && !u.name.includes(q) && !(u.divisionCode ?? '').startsWith(q)) continue;
      for (let x: Unit | undefined = u; x && !keep.has(x.id); x = x.parentId ? byId.get(x.parentId) : undefined) keep.add(x.id);
    }
    return units.filter((u) => keep.has(u.id));
  }, [units, search, selectedId]);
  const tree = useMemo(() => buildUnitTree(filtered, { externalTitle: t('外部协作单位') }), [filtered, t]);
  const expanded = search.trim() ? filtered.map((u) => u.id).concat('__external__') : undefined;

  return (
    <Card size="small" title={t('组织树（{n} 个单位）', { n: units.length })}>
      <Input.Search placeholder={t('按名称或行政区划代码查找')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 8 }} />
      {loading ? (
        <Loading />
      ) : (
        <div className="unit-tree">
          <Tree
            treeData={tree}
            selectedKeys={selectedId ? [selectedId] : []}
            {...(expanded ? { expandedKeys: expanded } : { defaultExpandedKeys: units.filter((u) => u.depth === 0).map((u) => u.id) })}
            onSelect={(keys) => onSelect(units.find((u) => u.id === keys[0]) ?? null)}
            titleRender={(n) => (
              <span className={n.unit && !n.unit.active ? 'retired' : ''}>
                {n.title as string}
                {n.unit?.divisionCode && <span className="muted small"> {n.unit.divisionCode}</span>}
              </span>
            )}
            height={560}
            blockNode
          />
        </div>
      )}
    </Card>
  );
}
