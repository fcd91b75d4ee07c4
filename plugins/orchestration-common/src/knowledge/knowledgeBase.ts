import { z } from 'zod';
import { parseIsoInstant } from '../parse/values';
import { EksRelease, KnowledgeBase, KubernetesRelease } from './types';

const isoDate = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .refine(
    text => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseIsoInstant(text).ok,
    {
      error: 'expected a real date as YYYY-MM-DD',
    },
  );
const minorVersion = z
  .string({ error: 'expected a minor version such as 1.37' })
  .regex(/^1\.\d{1,3}$/, 'expected a minor version such as 1.37');
const provenance = {
  sources: z.array(z.string()).optional(),
  unconfirmed: z.boolean().optional(),
  secondary: z.boolean().optional(),
  note: z.string().optional(),
};

const kubernetesReleaseSchema = z
  .strictObject({
    minor: minorVersion,
    ga: isoDate,
    maintenanceStart: isoDate.optional(),
    endOfLife: isoDate.optional(),
    actualEndOfLife: isoDate.optional(),
    lastPatch: z.string().optional(),
    ...provenance,
  })
  .superRefine((release, ctx) => {
    if (release.maintenanceStart && release.maintenanceStart <= release.ga) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenanceStart'],
        message: `maintenanceStart ${release.maintenanceStart} must come after ga ${release.ga}`,
      });
    }
    if (release.endOfLife && release.endOfLife <= release.ga) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfLife'],
        message: `endOfLife ${release.endOfLife} must come after ga ${release.ga}`,
      });
    }
  });

const eksReleaseSchema = z
  .strictObject({
    minor: minorVersion,
    released: isoDate,
    endOfStandardSupport: isoDate,
    endOfExtendedSupport: isoDate,
    ...provenance,
  })
  .superRefine((release, ctx) => {
    if (release.endOfStandardSupport <= release.released) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfStandardSupport'],
        message: `endOfStandardSupport ${release.endOfStandardSupport} must come after released ${release.released}`,
      });
    }
    if (release.endOfExtendedSupport <= release.endOfStandardSupport) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfExtendedSupport'],
        message: `endOfExtendedSupport ${release.endOfExtendedSupport} must come after endOfStandardSupport ${release.endOfStandardSupport}`,
      });
    }
  });

const positive = z
  .number({ error: 'expected a number' })
  .positive('expected a positive number');
const fargateOverride = z.strictObject({
  maxVcpu: positive.optional(),
  maxMemoryGi: positive.optional(),
  maxEphemeralStorageGi: positive.optional(),
});

/**
 * Schema of `orchestration.knowledgeBase`: rows to add or replace (matched by
 * minor version) and figures to override.
 *
 * @public
 */
export const knowledgeBaseOverridesSchema = z.strictObject({
  asOf: isoDate.optional(),
  version: z.string().optional(),
  kubernetesReleases: z.array(kubernetesReleaseSchema).optional(),
  eksReleases: z.array(eksReleaseSchema).optional(),
  fargate: z
    .strictObject({
      ecs: fargateOverride.optional(),
      eks: fargateOverride.optional(),
    })
    .optional(),
  costs: z
    .strictObject({
      eksStandardPerClusterHourUsd: positive.optional(),
      eksExtendedPerClusterHourUsd: positive.optional(),
    })
    .optional(),
});

/**
 * Overrides of the knowledge base, as written in configuration.
 *
 * @public
 */
export type KnowledgeBaseOverrides = z.input<
  typeof knowledgeBaseOverridesSchema
>;

/**
 * The knowledge base after overrides, or the errors found in them.
 *
 * @public
 */
export type ResolveKnowledgeBaseResult =
  | { ok: true; knowledgeBase: KnowledgeBase }
  | { ok: false; errors: string[] };

function minorNumber(minor: string): number {
  return Number(minor.slice(minor.indexOf('.') + 1));
}

function mergeRows<T extends { minor: string }>(
  base: T[],
  overrides: T[],
): T[] {
  const byMinor = new Map(base.map(row => [row.minor, row]));
  for (const row of overrides) byMinor.set(row.minor, row);
  return [...byMinor.values()].sort(
    (a, b) => minorNumber(a.minor) - minorNumber(b.minor),
  );
}

/**
 * Layers configuration overrides over a knowledge base. Rows are matched by
 * minor version, so a new Kubernetes minor can be added (or a planned date
 * confirmed) without a new release. Rows from configuration cite the source
 * `config` unless they name their own. Never throws.
 *
 * @param base - usually {@link DEFAULT_KNOWLEDGE_BASE}
 * @param overrides - the `orchestration.knowledgeBase` section (unvalidated)
 * @public
 */
export function resolveKnowledgeBase(
  base: KnowledgeBase,
  overrides: unknown,
): ResolveKnowledgeBaseResult {
  if (overrides === undefined || overrides === null) {
    return { ok: true, knowledgeBase: base };
  }
  const parsed = knowledgeBaseOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(issue => {
        const path = [
          'orchestration',
          'knowledgeBase',
          ...issue.path.map(String),
        ].join('.');
        if (issue.code === 'unrecognized_keys') {
          return `${path}: unknown key${
            issue.keys.length > 1 ? 's' : ''
          } ${issue.keys.join(', ')}`;
        }
        return `${path}: ${issue.message}`;
      }),
    };
  }
  const input = parsed.data;
  const withSources = <T extends { sources?: string[] }>(row: T) => ({
    ...row,
    sources: row.sources ?? ['config'],
  });
  const knowledgeBase: KnowledgeBase = {
    ...base,
    // Mark data changed by configuration so readers know it is not the shipped set.
    version: input.version ?? `${base.version}+config`,
    asOf: input.asOf ?? base.asOf,
    kubernetesReleases: mergeRows<KubernetesRelease>(
      base.kubernetesReleases,
      (input.kubernetesReleases ?? []).map(withSources),
    ),
    eksReleases: mergeRows<EksRelease>(
      base.eksReleases,
      (input.eksReleases ?? []).map(withSources),
    ),
    fargate: {
      ecs: { ...base.fargate.ecs, ...definedOnly(input.fargate?.ecs) },
      eks: { ...base.fargate.eks, ...definedOnly(input.fargate?.eks) },
    },
    costs: {
      ...base.costs,
      ...(input.costs?.eksStandardPerClusterHourUsd !== undefined && {
        eksStandardPerClusterHourUsd: {
          value: input.costs.eksStandardPerClusterHourUsd,
          sources: ['config'],
        },
      }),
      ...(input.costs?.eksExtendedPerClusterHourUsd !== undefined && {
        eksExtendedPerClusterHourUsd: {
          value: input.costs.eksExtendedPerClusterHourUsd,
          sources: ['config'],
        },
      }),
    },
  };
  return { ok: true, knowledgeBase };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  if (!value) return result;
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) (result as Record<string, unknown>)[key] = entry;
  }
  return result;
}

const DAY_MS = 86_400_000;

/**
 * A Kubernetes release with its dates as epoch milliseconds.
 *
 * @internal
 */
export interface CompiledKubernetesRelease {
  release: KubernetesRelease;
  minor: number;
  gaMs: number;
  /** Actual end of life when known, else the planned one. */
  endOfLife?: string;
  endOfLifeMs?: number;
}

/**
 * An EKS release with its dates as epoch milliseconds.
 *
 * @internal
 */
export interface CompiledEksRelease {
  release: EksRelease;
  minor: number;
  releasedMs: number;
  endOfStandardMs: number;
  endOfExtendedMs: number;
}

/**
 * A knowledge base prepared for fast lookups: dates parsed once.
 *
 * @internal
 */
export interface CompiledKnowledge {
  knowledgeBase: KnowledgeBase;
  asOfMs: number;
  kubernetes: Map<number, CompiledKubernetesRelease>;
  /** Confirmed releases, oldest first. */
  confirmedKubernetes: CompiledKubernetesRelease[];
  eks: Map<number, CompiledEksRelease>;
  eksSorted: CompiledEksRelease[];
}

const compiledCache = new WeakMap<KnowledgeBase, CompiledKnowledge>();

function dateMs(text: string): number {
  const parsed = parseIsoInstant(text);
  return parsed.ok ? parsed.value.epochMs : NaN;
}

/**
 * Parses the dates of a knowledge base once; cached per object.
 *
 * @internal
 */
export function compileKnowledge(
  knowledgeBase: KnowledgeBase,
): CompiledKnowledge {
  const cached = compiledCache.get(knowledgeBase);
  if (cached) return cached;
  const kubernetes = new Map<number, CompiledKubernetesRelease>();
  for (const release of knowledgeBase.kubernetesReleases) {
    const endOfLife = release.actualEndOfLife ?? release.endOfLife;
    const compiled: CompiledKubernetesRelease = {
      release,
      minor: minorNumber(release.minor),
      gaMs: dateMs(release.ga),
    };
    if (endOfLife) {
      compiled.endOfLife = endOfLife;
      compiled.endOfLifeMs = dateMs(endOfLife);
    }
    kubernetes.set(compiled.minor, compiled);
  }
  const eks = new Map<number, CompiledEksRelease>();
  for (const release of knowledgeBase.eksReleases) {
    eks.set(minorNumber(release.minor), {
      release,
      minor: minorNumber(release.minor),
      releasedMs: dateMs(release.released),
      endOfStandardMs: dateMs(release.endOfStandardSupport),
      endOfExtendedMs: dateMs(release.endOfExtendedSupport),
    });
  }
  const byMinor = <T extends { minor: number }>(a: T, b: T) =>
    a.minor - b.minor;
  const compiled: CompiledKnowledge = {
    knowledgeBase,
    asOfMs: dateMs(knowledgeBase.asOf),
    kubernetes,
    confirmedKubernetes: [...kubernetes.values()]
      .filter(release => !release.release.unconfirmed)
      .sort(byMinor),
    eks,
    eksSorted: [...eks.values()].sort(byMinor),
  };
  compiledCache.set(knowledgeBase, compiled);
  return compiled;
}

/**
 * Whether a knowledge base is older than `maxAgeDays` at `now`, and by how
 * many days.
 *
 * @public
 */
export function knowledgeBaseAge(
  knowledgeBase: KnowledgeBase,
  now: Date,
  maxAgeDays: number,
): { ageDays: number; stale: boolean } {
  const { asOfMs } = compileKnowledge(knowledgeBase);
  const ageDays = Math.floor((now.getTime() - asOfMs) / DAY_MS);
  return { ageDays, stale: ageDays > maxAgeDays };
}
