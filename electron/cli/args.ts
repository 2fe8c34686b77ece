/**
 * node:util parseArgs' complaints in Chinese, for the CLI and `npm run web`
 * alike ("Unknown option '--prot'" → 不认识的选项“--prot”).
 */
import { clipText } from '../../shared/text/clip';

export function argumentErrorMessage(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const named = clipText(message.match(/'(-{1,2}[^' <]+)/)?.[1] ?? message.match(/'([^']+)'/)?.[1] ?? '', 40);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项“${named}”。`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `选项“${named}”后面不能带值。`;
      if (/ambiguous/.test(message)) return `选项“${named}”的值以“-”开头：请写成 ${named}=值。`;
      return `选项“${named}”后面缺少值。`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${named}”。`;
    default:
      return '命令行参数不正确。';
  }
}
