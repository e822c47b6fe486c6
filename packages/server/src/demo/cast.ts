import type { Role } from '../auth/roles.js';
import { suggestTerritorialUnit } from '../dispatch/domain/territorial-routing.js';
import { industries, staffNameOf, type IndustryKey } from './names.js';
import { weighted, type Rng } from './random.js';

export type SeedUnit = { id: string; name: string; type: string; path: string; parentId: string | null; divisionCode: string | null; active: boolean };
/** One role a person holds at a unit. */
export type SeedPerson = { userId: string; name: string; role: Role; unitId: string };
/** Who acts on a generated order: a person of the installation, or the unnamed staff of a unit that has no account (userId null). */
export type SeedActor = { userId: string | null; name: string; role: Role; unitId: string };

/** A place callers name: a county, or a town or street of the counties the installation has towns for. */
export type Place = { code: string; territorial: SeedUnit; county: SeedUnit; city: string; countyName: string; townName: string | null };

export type Cast = ReturnType<typeof castOf>;

const stripFederation = (name: string) => name.replace(/总工会$/, '').replace(/工会$/, '');

/**
 * The people and places of an installation as the generator uses them. Needs a hotline centre with an agent and a
 * dispatcher; everyone else is optional (a unit without people still signs and replies, through its unnamed staff).
 */
export function castOf(units: readonly SeedUnit[], people: readonly SeedPerson[], province: string) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const unit = (id: string) => {
    const u = byId.get(id);
    if (!u) throw new Error(`demo generator: unknown unit ${id}`);
    return u;
  };
  const root = units.find((u) => u.type === 'province_federation' && u.divisionCode === province && !u.parentId);
  if (!root) throw new Error(`demo generator: no provincial federation for ${province}`);
  const inRoot = (u: SeedUnit) => u.path.startsWith(root.path) && u.active;
  const centre = units.find((u) => u.type === 'hotline_centre' && inRoot(u));
  if (!centre) throw new Error('demo generator: the province has no hotline centre');
  const studio = units.find((u) => u.type === 'lawyer_studio' && inRoot(u)) ?? null;

  const actor = (p: SeedPerson): SeedActor => ({ userId: p.userId, name: p.name, role: p.role, unitId: p.unitId });
  const at = (role: Role, unitId: string) => people.filter((p) => p.role === role && p.unitId === unitId).map(actor);
  const agents = at('agent', centre.id);
  const dispatchers = at('dispatcher', centre.id);
  if (!agents.length || !dispatchers.length) throw new Error('demo generator: the hotline centre needs an agent and a dispatcher (install the demo first)');
  const handlers = new Map<string, SeedActor>();
  for (const p of people) if (p.role === 'handler' && !handlers.has(p.unitId)) handlers.set(p.unitId, actor(p));
  /** Dispatchers below the hotline centre (a city's desk): they pass orders further down (下派). */
  const desks = new Map<string, SeedActor>();
  for (const p of people)
    if (p.role === 'dispatcher' && p.unitId !== centre.id && byId.has(p.unitId) && inRoot(unit(p.unitId)) && !desks.has(p.unitId))
      desks.set(p.unitId, actor(p));
  const gov = units.find((u) => u.type === 'gov_hotline' && u.active);
  const integration = gov ? (people.filter((p) => p.role === 'integration' && p.unitId === gov.id).map(actor)[0] ?? null) : null;

  const ancestorOfType = (u: SeedUnit, type: string) => {
    for (const id of u.path.split('/').filter(Boolean).reverse()) if (byId.get(id)?.type === type) return byId.get(id)!;
    return null;
  };
  const provinceName = stripFederation(root.name);
  const cityNameOf = (u: SeedUnit) => {
    const city = ancestorOfType(u, 'city_federation');
    return city ? stripFederation(city.name) : provinceName;
  };

  // Places weigh more where the installation has people and towns, so the demo's handlers have orders to work on.
  const routable = units.filter((u) => u.active && u.divisionCode && inRoot(u));
  const counties = units.filter((u) => u.type === 'county_federation' && inRoot(u) && u.divisionCode);
  const places: [Place, number][] = [];
  for (const county of counties) {
    const towns = units.filter((u) => u.type === 'town_union' && u.parentId === county.id && u.divisionCode && u.active);
    const city = ancestorOfType(county, 'city_federation');
    const weight = 1 + (handlers.has(county.id) ? 12 : 0) + (towns.length ? 6 : 0) + (city && desks.has(city.id) ? 2 : 0);
    const base = { county, city: cityNameOf(county), countyName: stripFederation(county.name) };
    const territorialOf = (code: string) => suggestTerritorialUnit(code, routable) ?? county;
    places.push([
      { ...base, code: county.divisionCode!, territorial: territorialOf(county.divisionCode!), townName: null },
      towns.length ? weight * 0.6 : weight,
    ]);
    for (const t of towns)
      places.push([
        { ...base, code: t.divisionCode!, territorial: territorialOf(t.divisionCode!), townName: stripFederation(t.name) },
        (weight * 0.4) / towns.length,
      ]);
  }
  if (!places.length) throw new Error('demo generator: the province has no county federations to route orders to');
  const drawPlace = weighted(places);

  const enterpriseUnions = units
    .filter((u) => u.type === 'enterprise_union' && inRoot(u))
    .map((u) => ({ unit: u, employer: u.name.replace(/工会$/, ''), industry: industryOfName(u.name) }));
  const externals = new Map<string, SeedUnit>();
  for (const u of units) if (!u.parentId && u.active && u.type !== 'province_federation' && !externals.has(u.type)) externals.set(u.type, u);

  const staffCache = new Map<string, SeedActor>();
  /** The person who acts for a unit in a role: its own account when it has one, else its unnamed staff. */
  const staff = (unitId: string, role: Role = 'handler'): SeedActor => {
    if (role === 'handler' && handlers.has(unitId)) return handlers.get(unitId)!;
    const key = `${unitId}:${role}`;
    if (!staffCache.has(key)) staffCache.set(key, { userId: null, name: staffNameOf(unitId), role, unitId });
    return staffCache.get(key)!;
  };

  return {
    root,
    centre,
    studio,
    provinceName,
    unit,
    agents,
    dispatchers,
    supervisors: at('supervisor', centre.id),
    leaders: at('leader', root.id),
    mediators: studio ? at('mediator', studio.id) : [],
    integration,
    handlers,
    desks,
    enterpriseUnions,
    externals,
    staff,
    cityNameOf,
    ancestorOfType,
    places: places.map(([p]) => p),
    drawPlace: (rng: Rng) => drawPlace(rng),
  };
}

function industryOfName(name: string): IndustryKey {
  const entry = Object.entries(industries).find(([, i]) => name.includes(i.name.replace(/有限公司$/, '')));
  return (entry?.[0] as IndustryKey | undefined) ?? 'trade';
}
