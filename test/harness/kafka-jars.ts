import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the broker jars live, relative to the project root. Kept out of git. */
export const KAFKA_LIBS_DIR = join('.kafka', 'libs');

function findKafkaJar(libs: string): string | undefined {
  if (!existsSync(libs)) return undefined;
  return readdirSync(libs).find((name) => /^kafka_2\.13-[\d.]+\.jar$/.test(name));
}

/** The Apache Kafka version of the jars in `libs`, read from the core jar's file name. */
export function kafkaJarVersion(libs: string): string | undefined {
  return findKafkaJar(libs)?.match(/^kafka_2\.13-([\d.]+)\.jar$/)?.[1];
}

async function hasCommand(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the Apache Kafka broker jars are in `<root>/.kafka/libs`, fetching them from Maven
 * Central with `mvn` the first time (later runs reuse them). Throws one clear line when Java or
 * Maven is missing.
 */
export async function ensureKafkaJars(root: string): Promise<string> {
  const libs = join(root, KAFKA_LIBS_DIR);
  if (!(await hasCommand('java', ['-version']))) {
    throw new Error(
      'Cannot start a local Kafka broker: Java 17+ is not installed (apt-get install openjdk-17-jre-headless), and no Docker engine or KAFKA_BOOTSTRAP_SERVERS was available.',
    );
  }
  if (findKafkaJar(libs)) return libs;
  if (!(await hasCommand('mvn', ['-v']))) {
    throw new Error(
      `Cannot start a local Kafka broker: the broker jars are not in ${KAFKA_LIBS_DIR} and Maven is not installed to fetch them (apt-get install maven).`,
    );
  }
  const pom = join(root, 'tools', 'kafka', 'pom.xml');
  await run(
    'mvn',
    ['-B', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`],
    { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (!findKafkaJar(libs)) throw new Error(`Maven finished but ${KAFKA_LIBS_DIR} holds no kafka_2.13 jar; see ${pom}.`);
  return libs;
}
