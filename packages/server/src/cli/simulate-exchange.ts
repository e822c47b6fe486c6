import { startSimulator, type SimulatorMode } from '../exchange/simulator.js';
import { demoExchangeSecrets } from '../install/demo-exchange.js';

/**
 * A partner (the demo's city 12345) against a running product: `npm run exchange:simulate -- [--product URL]
 * [--partner ID] [--secret S] [--method hmac-sm3] [--port 4100] [--orders 3] [--mode ok|error500|timeout|later]`.
 * It sends orders in the partner's own format (twice each: the second answer is the same order), then listens for
 * the product's signed status messages and transfers and prints them. The partner id is listed on the administrator's
 * exchange page (the demo's 12345 partner uses the demo secret and SM3).
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const product = args.get('product') ?? 'http://localhost:3000';
const partnerId = args.get('partner');
if (!partnerId) {
  console.error('请用 --partner 指定对接平台编号（管理员“数据交换”页面可见）/ pass --partner <id> (see the administrator’s exchange page)');
  process.exit(2);
}
const sim = await startSimulator({
  product,
  partnerId,
  secret: args.get('secret') ?? demoExchangeSecrets.gov12345,
  method: (args.get('method') as 'hmac-sha256' | 'hmac-sm3' | undefined) ?? 'hmac-sm3',
  port: Number(args.get('port') ?? 4100),
  log: (line) => console.log(line),
});
sim.setMode((args.get('mode') as SimulatorMode | undefined) ?? 'ok');
console.log(`partner simulator listening on ${sim.url} (mode ${args.get('mode') ?? 'ok'})`);
const n = Number(args.get('orders') ?? 3);
for (let i = 1; i <= n; i++) {
  const externalId = `SIM-${Date.now()}-${i}`;
  const order = {
    appealTitle: `模拟 12345 转来诉求 ${i}`,
    appealContent: `市民反映某公司拖欠工资两个月，涉及 ${i + 2} 名职工，请工会协调（模拟 ${i}）`,
    appealType: '投诉',
    appealItem: 'wage_arrears',
    citizen: { name: `市民${i}`, mobile: `1390471${String(1000 + i).padStart(4, '0')}` },
    companyName: '示例建筑劳务有限公司',
  };
  for (const attempt of [1, 2]) {
    const r = await sim.sendOrder(externalId, order);
    console.log(`→ order ${externalId} (#${attempt}): ${r.status} ${JSON.stringify(r.body)}`);
  }
}
console.log('listening for status messages; Ctrl-C to stop');
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)));
