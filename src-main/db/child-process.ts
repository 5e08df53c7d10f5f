import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log';
import type { RunAs } from './run-as';

/**
 * The environment PostgreSQL programs run in: ours, minus libpq/server
 * variables that could silently redirect them, in the C locale so their
 * behaviour does not depend on how the trader's desktop is configured.
 */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.startsWith('PG')) clean[key] = value;
  return { ...clean, LC_ALL: 'C', LANG: 'C' };
}

export function spawnAs(command: string, args: string[], runAs: RunAs | null): ChildProcess {
  return spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(),
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
}

/**
 * Forwards a child's output to the logger line by line and keeps the last
 * lines for an error message. Never used to decide anything.
 */
export function captureOutput(child: ChildProcess, log: Logger, keep = 20): () => string[] {
  const tail: string[] = [];
  const forward = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
    });
    stream.on('end', () => {
      if (pending !== '') emit(pending);
      pending = '';
    });
  };
  const emit = (line: string) => {
    if (line.trim() === '') return;
    log.info(line);
    tail.push(line);
    if (tail.length > keep) tail.shift();
  };
  forward(child.stdout);
  forward(child.stderr);
  return () => [...tail];
}

/** Runs a program to completion; rejects with its last output lines on failure. */
export function runToCompletion(command: string, args: string[], runAs: RunAs | null, log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(command, args, runAs);
    const tail = captureOutput(child, log);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const last = tail().slice(-3).join(' | ');
      reject(new Error(`${command} failed (${how})${last ? `: ${last}` : ''}`));
    });
  });
}
