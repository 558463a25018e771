import type { CliIo, Writer } from '../../../src/cli/cli-io.js';

/** A writer that keeps what was written. */
export class BufferWriter implements Writer {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** IO for running a command in-process. */
export function fakeIo(env: Record<string, string> = {}): CliIo & { stdout: BufferWriter; stderr: BufferWriter } {
  return { stdout: new BufferWriter(), stderr: new BufferWriter(), env, signal: new AbortController().signal };
}
