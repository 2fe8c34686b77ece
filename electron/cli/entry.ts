/**
 * The bundled command line's entry (scripts/build-cli.mjs → dist/cli/taizhang.cjs).
 * `--version` is answered before the core and its libraries load; everything else
 * runs cli/main.ts, loaded on demand.
 */
import pkg from '../../package.json';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const { run } = await import('./main');
  return run(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // run() reports every failure itself (cli/failure.ts); this only catches a CLI that cannot load.
    process.stderr.write(`科创台账命令行无法运行：${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
