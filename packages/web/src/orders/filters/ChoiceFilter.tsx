import { Form, Select, type SelectProps } from 'antd';

/** One choice among codes in the filter bar; cleared, it means "any". */
export function ChoiceFilter({ width, ...props }: { width: number } & SelectProps) {
  return (
    <Form.Item>
      <Select allowClear style={{ width }} {...props} />
    </Form.Item>
  );
}
