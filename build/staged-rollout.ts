/**
 * `npm run release:stage -- PERCENT [release/latest.yml]`: sets how many desks take the release on the
 * update server. electron-updater reads stagingPercentage from latest.yml and compares it with a random
 * id each installation keeps, so raising 10 → 50 → 100 widens the same release to more desks and
 * lowering it holds back desks that have not updated yet. Upload the changed latest.yml last, after the
 * installer and its blockmap.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** latest.yml with its stagingPercentage set (100 removes it: every desk). Other lines stay as they were. */
export function setStagingPercentage(latestYml: string, percent: number): string {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new RangeError(`the rollout is a whole percentage from 1 to 100, not ${percent}`);
  if (!/^version:\s*\S+/m.test(latestYml)) throw new Error('this is not an electron-builder latest.yml: it has no version line');
  const kept = latestYml.split('\n').filter((line) => !/^stagingPercentage:/.test(line));
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  return `${[...kept, ...(percent === 100 ? [] : [`stagingPercentage: ${percent}`])].join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [percentArg, file = 'release/latest.yml'] = process.argv.slice(2);
  try {
    const text = setStagingPercentage(readFileSync(file, 'utf8'), Number(percentArg));
    writeFileSync(file, text);
    console.log(`${file}: ${Number(percentArg) === 100 ? 'every desk' : `${percentArg}% of desks`} take ${/^version:\s*(\S+)/m.exec(text)![1]}`);
  } catch (err) {
    console.error(`Usage: npm run release:stage -- PERCENT [release/latest.yml]\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
}
