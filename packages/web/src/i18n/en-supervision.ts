/** English of the supervision screens of issue 11 (instructions, emergency, reviews, outbound; merged in en.ts). */
export const enSupervision: Record<string, string> = {
  领导批示: "Leader's instruction",
  确认批示: 'Acknowledge instructions',
  记录应急处置方式: 'Record the emergency handling way',
};
