import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CopyToCsvTransform } from './csv-transform';

async function run(chunks: Buffer[], bom = false): Promise<{ out: Buffer; t: CopyToCsvTransform }> {
  const t = new CopyToCsvTransform({ names: ['id', 'text'], sources: [{ field: 0, kind: 'number' }, { field: 1, kind: 'text' }], bom });
  const parts: Buffer[] = [];
  t.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve, reject) => {
    t.on('end', resolve);
    t.on('error', reject);
  });
  for (const chunk of chunks) t.write(chunk);
  t.end();
  await done;
  return { out: Buffer.concat(parts), t };
}

describe('COPY-to-CSV transform', () => {
  const copy = Buffer.from('1\t=a,b\n-2\tनमस्ते\n3\t\\N\n', 'utf8');
  const expected = "id,text\r\n1,\"'=a,b\"\r\n-2,नमस्ते\r\n3,\r\n";

  test('the same file whichever byte the chunks are cut at, with its SHA-256 and counts', async () => {
    for (let cut = 0; cut <= copy.length; cut += 1) {
      for (const second of [cut, Math.min(copy.length, cut + 3)]) {
        const { out, t } = await run([copy.subarray(0, cut), copy.subarray(cut, second), copy.subarray(second)]);
        expect(out.toString('utf8')).toBe(expected);
        expect(t.rows).toBe(3);
        expect(t.bytes).toBe(out.length);
        expect(t.sha256()).toBe(createHash('sha256').update(out).digest('hex'));
      }
    }
  });

  test('the BOM comes first; an empty COPY still gives the header', async () => {
    expect((await run([], true)).out.toString('utf8')).toBe('\ufeffid,text\r\n');
  });

  test('COPY output that stops inside a row is an error, not a short file', async () => {
    await expect(run([Buffer.from('1\tpartial')])).rejects.toThrow(/middle of a row/);
  });
});
