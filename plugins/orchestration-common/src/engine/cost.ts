import { PlatformId } from '../annotations';
import {
  DEFAULT_COST_OPTIONS,
  KubernetesCostPlatform,
  OrchestrationOptions,
} from '../config';
import {
  Ec2InstanceFacts,
  FargateTaskSize,
  PriceFacts,
  Provenance,
  SourcedNumber,
} from '../knowledge/types';
import { ResourceRequirements } from '../parse/values';
import { CostLine, OBLIGATION_IDS, ObligationId, PlatformCost } from './types';

/**
 * Input of {@link platformCost}.
 *
 * @public
 */
export interface PlatformCostInput {
  /** Size of one task or pod. */
  resources?: ResourceRequirements;
  /** Running copies; `options.cost.defaultReplicas` when undefined. */
  replicas?: number;
  /** The platform is blocked for this service: no estimate. */
  blocked: boolean;
}

const OBLIGATION_NAMES: Record<ObligationId, string> = {
  'kubernetes-upgrades': 'Kubernetes upgrades',
  'etcd-backups': 'etcd backups',
  'certificate-rotation': 'certificate rotation',
  'cni-ip-capacity': 'pod IP capacity',
  'control-plane-monitoring': 'control-plane monitoring',
};

/** Tolerance for ratios that should be whole numbers but carry float noise. */
const EPSILON = 1e-9;

function cents(value: number): number {
  return Math.round(value * 100 + EPSILON) / 100;
}

/** A number for text: at most two decimals, no trailing zeros. */
function num(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : String(Math.round(value * 100) / 100);
}

function plural(count: number, one: string, many: string): string {
  return `${num(count)} ${count === 1 ? one : many}`;
}

/**
 * The `source` of a cost line: the knowledge-base keys of the figures it
 * uses, `configuration` for figures set in configuration, `derived` when
 * none has a source, then ` (secondary)` and ` (unconfirmed)` when any
 * figure is flagged so.
 */
function sourceOf(a: Provenance, b?: Provenance, c?: Provenance): string {
  // Called for every line: no arrays, only string concatenation.
  let text = appendKeys('', a);
  if (b) text = appendKeys(text, b, a);
  if (c) text = appendKeys(text, c, a, b);
  if (text === '') text = 'derived';
  if (a.secondary || b?.secondary || c?.secondary) text += ' (secondary)';
  if (a.unconfirmed || b?.unconfirmed || c?.unconfirmed) {
    text += ' (unconfirmed)';
  }
  return text;
}

/** Appends the source keys of `fact` not already named by it or earlier facts. */
function appendKeys(
  text: string,
  fact: Provenance,
  earlier?: Provenance,
  earliest?: Provenance,
): string {
  const sources = fact.sources;
  let result = text;
  for (let k = 0; k < sources.length; k++) {
    const key = sources[k];
    if (sources.indexOf(key) < k) continue;
    if (earlier?.sources.includes(key) || earliest?.sources.includes(key)) {
      continue;
    }
    const name = key === 'config' ? 'configuration' : key;
    result = result === '' ? name : `${result}, ${name}`;
  }
  return result;
}

/** Mutable result being built; one per call. */
interface Estimate {
  lines: CostLine[];
  assumptions: string[];
}

function addLine(
  estimate: Estimate,
  item: string,
  monthlyUsd: number,
  source: string,
): void {
  estimate.lines.push({ item, monthlyUsd: cents(monthlyUsd), source });
}

/**
 * Prices the Fargate task: the cheapest valid task size at least as large
 * as the request, within the configured limits. False when the task cannot
 * run on Fargate.
 */
function addFargate(
  estimate: Estimate,
  resources: ResourceRequirements,
  cpu: number,
  memoryGi: number,
  replicas: number,
  options: OrchestrationOptions,
): boolean {
  const facts = options.knowledgeBase.fargate.ecs;
  if ((resources.gpu ?? 0) > 0 && !facts.gpu) return false;
  if (cpu > facts.maxVcpu || memoryGi > facts.maxMemoryGi) return false;
  const prices = options.knowledgeBase.prices;
  const architecture = options.cost.architecture;
  const compute = prices.fargate[architecture];
  const perVcpu = compute.perVcpuHourUsd.value;
  const perGb = compute.perGbHourUsd.value;
  let size: FargateTaskSize | undefined;
  let sizeMemory = 0;
  let hourly = Infinity;
  for (const candidate of facts.taskSizes) {
    if (candidate.vcpu < cpu || candidate.vcpu > facts.maxVcpu) continue;
    for (const memory of candidate.memoryGi) {
      if (memory > facts.maxMemoryGi) break;
      if (memory < memoryGi) continue;
      const price = candidate.vcpu * perVcpu + memory * perGb;
      if (price < hourly) {
        hourly = price;
        size = candidate;
        sizeMemory = memory;
      }
      break;
    }
  }
  const hours = prices.hoursPerMonth.value;
  const tasks = plural(replicas, 'task', 'tasks');
  if (size) {
    const exact = size.vcpu === cpu && sizeMemory === memoryGi;
    addLine(
      estimate,
      `Fargate ${architecture}: ${tasks} of ${num(size.vcpu)} vCPU / ${num(
        sizeMemory,
      )} GB${
        exact
          ? ''
          : `, the smallest valid task size for ${num(cpu)} vCPU / ${num(
              memoryGi,
            )} GiB`
      }`,
      replicas * hours * hourly,
      sourceOf(
        compute.perVcpuHourUsd,
        compute.perGbHourUsd,
        size.secondary ? size : undefined,
      ),
    );
    if (size.secondary) {
      estimate.assumptions.push(
        `The ${num(
          size.vcpu,
        )} vCPU Fargate task size is known from a secondary source only; confirm it in ${
          prices.region
        }.`,
      );
    }
  } else {
    // The limits were raised in configuration beyond the listed sizes.
    hourly = cpu * perVcpu + memoryGi * perGb;
    addLine(
      estimate,
      `Fargate ${architecture}: ${tasks} of ${num(cpu)} vCPU / ${num(
        memoryGi,
      )} GB`,
      replicas * hours * hourly,
      sourceOf(compute.perVcpuHourUsd, compute.perGbHourUsd),
    );
    estimate.assumptions.push(
      `No listed Fargate task size holds ${num(cpu)} vCPU / ${num(
        memoryGi,
      )} GiB within the configured limits, so the task is priced at exactly that size.`,
    );
  }
  const included = prices.fargate.includedEphemeralStorageGb;
  const storage = resources.storageGi ?? facts.defaultEphemeralStorageGi;
  const extra = storage - included.value;
  if (extra > 0) {
    const price = prices.fargate.ephemeralStoragePerGbHourUsd;
    addLine(
      estimate,
      `Fargate ephemeral storage: ${num(extra)} GB above the ${num(
        included.value,
      )} GB included, for each of ${tasks}`,
      replicas * hours * extra * price.value,
      sourceOf(price, included),
    );
  }
  return true;
}

/** Whether one task fits on one node of this type. */
function holdsOneTask(
  node: Ec2InstanceFacts,
  cpu: number,
  memoryGi: number,
  gpu: number,
): boolean {
  return (
    cpu <= node.allocatable.vcpu + EPSILON &&
    memoryGi <= node.allocatable.memoryGi + EPSILON &&
    gpu <= node.gpu
  );
}

/**
 * The node type for the service: the configured type (the GPU type when the
 * task needs a GPU), else the cheapest known type of the same architecture
 * that holds one task.
 */
function chooseNode(
  estimate: Estimate,
  prices: PriceFacts,
  preferred: string,
  cpu: number,
  memoryGi: number,
  gpu: number,
): { type: string; node: Ec2InstanceFacts } | undefined {
  const node = prices.ec2[preferred];
  if (!node) return undefined;
  if (holdsOneTask(node, cpu, memoryGi, gpu)) return { type: preferred, node };
  let best: { type: string; node: Ec2InstanceFacts } | undefined;
  for (const type in prices.ec2) {
    if (!Object.prototype.hasOwnProperty.call(prices.ec2, type)) continue;
    const candidate = prices.ec2[type];
    if (candidate.architecture !== node.architecture) continue;
    if (!holdsOneTask(candidate, cpu, memoryGi, gpu)) continue;
    if (
      !best ||
      candidate.onDemandPerHourUsd.value < best.node.onDemandPerHourUsd.value
    ) {
      best = { type, node: candidate };
    }
  }
  if (best) {
    estimate.assumptions.push(
      `One task (${num(cpu)} vCPU / ${num(
        memoryGi,
      )} GiB) does not fit on a ${preferred} node, so the nodes are ${
        best.type
      }, the cheapest known type that holds it.`,
    );
  }
  return best;
}

/**
 * Worker nodes packed at the configured efficiency, their disks and any
 * management fee. False when no known instance type holds one task.
 */
function addNodes(
  estimate: Estimate,
  platform: PlatformId,
  resources: ResourceRequirements,
  cpu: number,
  memoryGi: number,
  replicas: number,
  options: OrchestrationOptions,
): boolean {
  const cost = options.cost;
  const prices = options.knowledgeBase.prices;
  const gpu = resources.gpu ?? 0;
  const chosen = chooseNode(
    estimate,
    prices,
    gpu > 0 ? cost.gpuInstanceType : cost.ec2InstanceType,
    cpu,
    memoryGi,
    gpu,
  );
  if (!chosen) return false;
  const { type, node } = chosen;
  const u = cost.packingEfficiency;
  const allocatable = node.allocatable;
  let count = cost.minimumNodes;
  const byCpu = Math.ceil((replicas * cpu) / (allocatable.vcpu * u) - EPSILON);
  if (byCpu > count) count = byCpu;
  const byMemory = Math.ceil(
    (replicas * memoryGi) / (allocatable.memoryGi * u) - EPSILON,
  );
  if (byMemory > count) count = byMemory;
  if (gpu > 0) {
    const byGpu = Math.ceil(replicas / Math.floor(node.gpu / gpu));
    if (byGpu > count) count = byGpu;
  }
  const hours = prices.hoursPerMonth.value;
  const instancePrice = node.onDemandPerHourUsd;
  addLine(
    estimate,
    `${plural(count, `${type} node`, `${type} nodes`)} for ${plural(
      replicas,
      'copy',
      'copies',
    )} of ${num(cpu)} vCPU / ${num(memoryGi)} GiB${
      gpu > 0 ? ` / ${plural(gpu, 'GPU', 'GPUs')}` : ''
    }`,
    count * hours * instancePrice.value,
    sourceOf(instancePrice, allocatable),
  );
  estimate.assumptions.push(
    `Nodes: at least ${
      cost.minimumNodes
    } (one per availability zone); each ${type} offers ${num(
      allocatable.vcpu,
    )} vCPU / ${num(
      allocatable.memoryGi,
    )} GiB after the EKS-optimized AMI's kubelet, system and eviction reserves (DaemonSets not counted${
      platform === 'ecs-ec2'
        ? '; the ECS agent reserve is taken as the same'
        : ''
    }), filled to ${num(
      u * 100,
    )}% (orchestration.cost.packingEfficiency). The nodes are charged to this service alone; shared with other services they cost it less.`,
  );
  if (platform === 'ecs-ec2' && cost.ecsManagedInstances) {
    const fee = prices.ecsManagedInstancesFeeFraction;
    addLine(
      estimate,
      `ECS Managed Instances fee: about ${num(fee.value * 100)}% of the ${
        count === 1 ? "instance's" : "instances'"
      } on-demand price`,
      count * hours * instancePrice.value * fee.value,
      sourceOf(fee),
    );
  }
  if (platform === 'eks' && cost.eksAutoMode) {
    const fee = prices.eksAutoModeFeeFraction;
    let reduction: SourcedNumber | undefined;
    if (type.startsWith('g')) {
      reduction = prices.eksAutoModeGSeriesFeeReduction;
    } else if (type.startsWith('p') || type.startsWith('trn')) {
      reduction = prices.eksAutoModePSeriesFeeReduction;
    }
    const fraction = fee.value * (1 - (reduction?.value ?? 0));
    addLine(
      estimate,
      `EKS Auto Mode fee: about ${num(fraction * 100)}% of the ${
        count === 1 ? "instance's" : "instances'"
      } on-demand price`,
      count * hours * instancePrice.value * fraction,
      sourceOf(fee, reduction),
    );
  }
  addDisks(estimate, count, 'Node disks', 1, options);
  return true;
}

function addDisks(
  estimate: Estimate,
  count: number,
  what: string,
  sharedBy: number,
  options: OrchestrationOptions,
): void {
  const diskGb = options.cost.nodeDiskGb;
  if (diskGb <= 0) return;
  const gp3 = options.knowledgeBase.prices.ebsGp3PerGbMonthUsd;
  addLine(
    estimate,
    `${what}: ${num(count)} x ${num(diskGb)} GB gp3${
      sharedBy > 1 ? `, shared by ${sharedBy} services` : ''
    }`,
    (count * diskGb * gp3.value) / sharedBy,
    sourceOf(gp3),
  );
}

/** The people time of running Kubernetes, per obligation. */
function addPeopleTime(
  estimate: Estimate,
  platform: KubernetesCostPlatform,
  options: OrchestrationOptions,
): void {
  const cost = options.cost;
  const hoursByObligation = cost.peopleHoursPerYear[platform];
  const defaults = DEFAULT_COST_OPTIONS.peopleHoursPerYear[platform];
  const rate = cost.engineerHourlyUsd;
  const shared = cost.servicesPerCluster;
  const upgrades =
    options.knowledgeBase.peopleCost.upgradesPerClusterYear.value;
  const rateIsDefault = rate === DEFAULT_COST_OPTIONS.engineerHourlyUsd;
  for (const id of OBLIGATION_IDS) {
    const hours = hoursByObligation[id];
    if (!(hours > 0)) continue;
    const perUpgrade = cost.hoursPerUpgrade[platform];
    const howMany =
      id === 'kubernetes-upgrades' &&
      Math.abs(hours - upgrades * perUpgrade) < EPSILON
        ? `${num(upgrades)} upgrades x ${num(perUpgrade)} h`
        : `${num(hours)} h`;
    addLine(
      estimate,
      `People time, ${
        OBLIGATION_NAMES[id]
      }: ${howMany} a year per cluster at $${num(
        rate,
      )}/h, shared by ${shared} services`,
      (hours * rate) / 12 / shared,
      rateIsDefault && hours === defaults[id] ? 'assumption' : 'configuration',
    );
  }
  estimate.assumptions.push(
    `People time is an assumption, not a sourced figure: engineer-hours a year per cluster for each obligation (orchestration.cost.peopleHoursPerYear) at $${num(
      rate,
    )} an hour (orchestration.cost.engineerHourlyUsd).`,
  );
}

function addClusterShare(estimate: Estimate, options: OrchestrationOptions) {
  estimate.assumptions.push(
    `Cluster-level costs (control plane and people time) are shared by ${options.cost.servicesPerCluster} services (orchestration.cost.servicesPerCluster).`,
  );
}

/**
 * Estimated monthly cost of running a service on one platform, in USD, line
 * by line with the source of each price and every assumption in words. Null
 * when the platform is blocked, when the cpu or memory of a task is
 * unknown, or when no known size or instance type holds one task.
 *
 * - `ecs-fargate`: replicas x hours x the cheapest valid task size at least
 *   as large as the request, plus ephemeral storage above the included
 *   amount.
 * - `ecs-ec2`, `eks`, `self-managed-kubernetes`: nodes of the configured
 *   type (the GPU type when a task needs a GPU), enough for the replicas at
 *   the packing efficiency and never fewer than the minimum, plus their
 *   disks. ECS adds its $0 control plane; EKS its control-plane fee;
 *   self-managed Kubernetes its control-plane nodes; both Kubernetes
 *   platforms the people time of their obligations. Cluster-level costs are
 *   divided among the services of a cluster.
 * - Every platform: `volume` x replicas of EBS gp3 (GiB priced as GB).
 *
 * @param platform - the platform to price
 * @param input - size, replicas and whether the platform is blocked
 * @param options - resolved options (prices in `knowledgeBase.prices`, assumptions in `cost`)
 * @public
 */
export function platformCost(
  platform: PlatformId,
  input: PlatformCostInput,
  options: OrchestrationOptions,
): PlatformCost | null {
  if (input.blocked) return null;
  const resources = input.resources;
  const cpu = resources?.cpu;
  const memoryGi = resources?.memoryGi;
  if (!resources || cpu === undefined || memoryGi === undefined) return null;
  const cost = options.cost;
  const knowledgeBase = options.knowledgeBase;
  const prices = knowledgeBase.prices;
  const hours = prices.hoursPerMonth.value;
  const replicas = input.replicas ?? cost.defaultReplicas;
  const estimate: Estimate = {
    lines: [],
    assumptions: [
      `On-demand Linux list prices for ${prices.region} in USD, ${num(
        hours,
      )} hours a month (knowledge base ${knowledgeBase.version}, as of ${
        knowledgeBase.asOf
      }).`,
    ],
  };
  if (input.replicas === undefined) {
    estimate.assumptions.push(
      `${plural(
        replicas,
        'running copy',
        'running copies',
      )} assumed: orchestration.io/replicas is not set (orchestration.cost.defaultReplicas).`,
    );
  }
  // The compute itself: Fargate tasks, or nodes packed with the tasks.
  const computed =
    platform === 'ecs-fargate'
      ? addFargate(estimate, resources, cpu, memoryGi, replicas, options)
      : addNodes(
          estimate,
          platform,
          resources,
          cpu,
          memoryGi,
          replicas,
          options,
        );
  if (!computed) return null;
  switch (platform) {
    case 'ecs-fargate':
      break;
    case 'ecs-ec2': {
      const fee = knowledgeBase.costs.ecsControlPlanePerHourUsd;
      addLine(estimate, 'ECS control plane', hours * fee.value, sourceOf(fee));
      break;
    }
    case 'eks': {
      const fee = knowledgeBase.costs.eksStandardPerClusterHourUsd;
      addLine(
        estimate,
        `EKS control plane, standard support, shared by ${cost.servicesPerCluster} services`,
        (hours * fee.value) / cost.servicesPerCluster,
        sourceOf(fee),
      );
      addPeopleTime(estimate, 'eks', options);
      addClusterShare(estimate, options);
      estimate.assumptions.push(
        `The cluster's version is in standard support; in extended support the control plane costs $${knowledgeBase.costs.eksExtendedPerClusterHourUsd.value.toFixed(
          2,
        )} an hour instead of $${fee.value.toFixed(2)}.`,
      );
      break;
    }
    case 'self-managed-kubernetes': {
      const type = cost.ec2InstanceType;
      const node = prices.ec2[type];
      if (!node) return null;
      const count = cost.controlPlaneNodes;
      const shared = cost.servicesPerCluster;
      addLine(
        estimate,
        `Control plane: ${plural(
          count,
          `${type} node`,
          `${type} nodes`,
        )}, shared by ${shared} services`,
        (count * hours * node.onDemandPerHourUsd.value) / shared,
        sourceOf(node.onDemandPerHourUsd),
      );
      addDisks(estimate, count, 'Control-plane disks', shared, options);
      addPeopleTime(estimate, 'self-managed-kubernetes', options);
      addClusterShare(estimate, options);
      estimate.assumptions.push(
        `The control plane runs on ${count} ${type} instances with etcd on the same nodes (orchestration.cost.controlPlaneNodes).`,
      );
      break;
    }
    default:
      return null;
  }
  const volumeGi = resources.volumeGi ?? 0;
  if (volumeGi > 0) {
    const gp3 = prices.ebsGp3PerGbMonthUsd;
    addLine(
      estimate,
      `EBS volumes: ${plural(replicas, 'copy', 'copies')} x ${num(
        volumeGi,
      )} GiB gp3`,
      replicas * volumeGi * gp3.value,
      sourceOf(gp3),
    );
  }
  let total = 0;
  for (const line of estimate.lines) total += line.monthlyUsd;
  return {
    monthlyUsd: cents(total),
    lines: estimate.lines,
    assumptions: estimate.assumptions,
  };
}
