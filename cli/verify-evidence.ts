import { readFileSync } from 'node:fs';
import { verifyEvidencePack } from '../src/domain/evidence';

/**
 * `npx tsx cli/verify-evidence.ts <pack.json>`: checks a downloaded evidence pack offline against
 * its own SHA-256 digests (every event, the record, the whole). Exit 0 when intact, 1 when
 * something was altered (each problem named), 2 when the file cannot be read. To compare a pack
 * with what Preflight stores now, use the panel's resolver release/verify-evidence.
 */
export function main(args: string[], out: (line: string) => void, err: (line: string) => void): number {
  const [file] = args;
  if (!file) {
    err('usage: tsx cli/verify-evidence.ts <evidence-pack.json>');
    return 2;
  }
  let pack: unknown;
  try {
    pack = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = verifyEvidencePack(pack);
  if (result.valid) {
    out(`intact: SHA-256 ${result.digest}`);
    return 0;
  }
  for (const problem of result.problems) out(`ALTERED: ${problem}`);
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2), (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`));
