/**
 * antd's InputNumber reading what Chinese input methods type: full-width
 * digits and signs (２０２３, ０．５, －) are numbers here as everywhere
 * (shared/numbers.ts normaliseNumberText); antd's own parser drops them.
 */
import { InputNumber, type InputNumberProps } from 'antd';
import { normaliseNumberText } from '../../../shared/numbers';

/** The text of a number field as antd then reads it: full width made ASCII, anything else not numeric dropped (antd's rule). */
export function parseNumberField(text: string | undefined): string {
  return normaliseNumberText(text ?? '').replace(/[^\w.-]+/g, '');
}

export function NumberInput(props: InputNumberProps<number>) {
  // antd types the parser's result as the value type; it accepts the text and parses it itself.
  return <InputNumber<number> parser={parseNumberField as unknown as (text: string | undefined) => number} {...props} />;
}
