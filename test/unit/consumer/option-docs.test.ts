import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// What an editor shows: the TypeScript language service over the sources, with the project's
// compiler options, asked about a file that calls the library as a user would.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const probeFile = `${root}test/unit/consumer/option-docs-probe.ts`;
const probe = `
import { createTelemetryConsumer, createTelemetryProducer, goodweConnection } from '../../../src/index.js';
import type { ConsumerOptionsInput, GapOptions, ProducerOptionsInput } from '../../../src/index.js';
const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 'ACME01', tls: false });
createTelemetryConsumer({ connection, groupId: 'g', maxBufferedRecords: 5, gaps: { settleMs: 1 } });
createTelemetryProducer({ connection, lingerMs: 20 });
export type Documented = [ConsumerOptionsInput, GapOptions, ProducerOptionsInput];
`;

let service: ts.LanguageService;

beforeAll(() => {
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  service = ts.createLanguageService({
    getScriptFileNames: () => [probeFile],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) =>
      file === probeFile
        ? ts.ScriptSnapshot.fromString(probe)
        : ts.sys.fileExists(file)
          ? ts.ScriptSnapshot.fromString(readFileSync(file, 'utf8'))
          : undefined,
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === probeFile || ts.sys.fileExists(file),
    readFile: (file) => (file === probeFile ? probe : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
  });
  // Type-checking the sources takes seconds: do it once, here, rather than inside the first test.
  service.getProgram();
}, 60_000);

/** The documentation and tags an editor shows when hovering `word` after `after` in the probe. */
function hover(word: string, after = 0): { doc: string; tags: Record<string, string> } {
  const info = service.getQuickInfoAtPosition(probeFile, probe.indexOf(word, after) + 1);
  const tags = Object.fromEntries((info?.tags ?? []).map((t) => [t.name, ts.displayPartsToString(t.text)]));
  return { doc: ts.displayPartsToString(info?.documentation), tags };
}

describe('option documentation in editors', () => {
  it('compiles the probe without errors', () => {
    expect(
      service.getSemanticDiagnostics(probeFile).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
  });

  it.each([
    ['maxBufferedRecords', 'createTelemetryConsumer', '10000'],
    ['settleMs', 'createTelemetryConsumer', '120_000 (2 minutes)'],
    ['lingerMs', 'createTelemetryProducer', '5'],
  ])('shows the TSDoc and default of %s inside a %s call', (option, call, byDefault) => {
    const shown = hover(option, probe.indexOf(`${call}({`));
    expect(shown.doc).not.toBe('');
    expect(shown.tags['default']).toBe(byDefault);
  });

  it.each(['ConsumerOptionsInput', 'GapOptions', 'ProducerOptionsInput'])(
    'documents every field of %s, with a default for every optional one',
    (name) => {
      const program = service.getProgram()!;
      const checker = program.getTypeChecker();
      const documented = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(probeFile)!)!);
      const tuple = checker.getDeclaredTypeOfSymbol(documented.find((s) => s.name === 'Documented')!);
      const index = ['ConsumerOptionsInput', 'GapOptions', 'ProducerOptionsInput'].indexOf(name);
      const type = checker.getTypeArguments(tuple as ts.TypeReference)[index]!;
      const missing = type.getProperties().flatMap((property) => {
        const problems: string[] = [];
        if (ts.displayPartsToString(property.getDocumentationComment(checker)).trim() === '')
          problems.push(`${property.name}: no TSDoc`);
        const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
        if (optional && !property.getJsDocTags(checker).some((tag) => tag.name === 'default'))
          problems.push(`${property.name}: no @default`);
        return problems;
      });
      expect(type.getProperties().length).toBeGreaterThan(5);
      expect(missing).toEqual([]);
    },
  );
});
