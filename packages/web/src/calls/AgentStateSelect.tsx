import { App, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { callsApi, type ChosenAgentState, type MyAgentState } from '../api/calls.js';
import { useT } from '../i18n/i18n.js';
import { agentStateLabels } from './agent-state-labels.js';

const chosen: ChosenAgentState[] = ['ready', 'after_call_work', 'break', 'offline'];

/** The agent's own state (ready, after-call work, break, offline) on the intake console; "on a call" comes from the telephony system. */
export function AgentStateSelect() {
  const t = useT();
  const { message } = App.useApp();
  const [mine, setMine] = useState<MyAgentState | null>(null);
  useEffect(() => {
    callsApi.myState().then(setMine, () => undefined);
  }, []);
  const change = async (state: ChosenAgentState) => {
    if (!mine) return;
    try {
      setMine(await callsApi.setState(state, mine.version));
    } catch (e) {
      // Another tab changed it first: show what is current.
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') setMine(await callsApi.myState());
      message.error((e as Error).message);
    }
  };
  return (
    <Select<ChosenAgentState>
      size="small"
      aria-label={t('坐席状态')}
      data-testid="agent-state"
      style={{ width: 120 }}
      loading={!mine}
      value={mine?.state}
      onChange={(v) => void change(v)}
      options={chosen.map((s) => ({ value: s, label: t(agentStateLabels[s]!) }))}
    />
  );
}
