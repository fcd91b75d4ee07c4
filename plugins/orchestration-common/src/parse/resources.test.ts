import { formatResources, parseResources } from './resources';

const GI = 2 ** 30;

describe('parseResources', () => {
  it.each([
    [
      'cpu=4,memory=8Gi,gpu=1,storage=50Gi,volume=200Gi,privileged=false',
      {
        cpu: 4,
        memoryGi: 8,
        gpu: 1,
        storageGi: 50,
        volumeGi: 200,
        privileged: false,
      },
    ],
    [' CPU = 500m , Memory=512Mi ', { cpu: 0.5, memoryGi: 0.5 }],
    ['cpu=.5,memory=1536Ki', { cpu: 0.5, memoryGi: 1536 / 2 ** 20 }],
    ['cpu=1500m,memory=1.5Gi', { cpu: 1.5, memoryGi: 1.5 }],
    ['memory=2gi', { memoryGi: 2 }],
    ['memory=1G', { memoryGi: 1e9 / GI }],
    ['memory=1.5G', { memoryGi: 1.5e9 / GI }],
    ['memory=1500M', { memoryGi: 1.5e9 / GI }],
    ['memory=64k', { memoryGi: 64000 / GI }],
    ['storage=1T,volume=0Gi', { storageGi: 1e12 / GI, volumeGi: 0 }],
  ])('reads %j', (text, value) => {
    expect(parseResources(text)).toEqual({ value, problems: [] });
  });

  it.each([
    [
      'memory=200GB',
      { memoryGi: 200e9 / GI },
      'memory=200GB is read as 200G (decimal); write memory=200G, or memory=186Gi in binary units',
      'memory=200G',
    ],
    [
      'memory=200gb',
      { memoryGi: 200e9 / GI },
      'memory=200gb is read as 200G (decimal); write memory=200G, or memory=186Gi in binary units',
      'memory=200G',
    ],
    [
      'memory=8g',
      { memoryGi: 8e9 / GI },
      'memory=8g is read as 8G (decimal); write memory=8G, or memory=7.45Gi in binary units',
      'memory=8G',
    ],
    [
      'storage=512MB',
      { storageGi: 512e6 / GI },
      'storage=512MB is read as 512M (decimal); write storage=512M, or storage=488Mi in binary units',
      'storage=512M',
    ],
    [
      'memory=1KB',
      { memoryGi: 1000 / GI },
      'memory=1KB is read as 1k (decimal); write memory=1k, or memory=0.98Ki in binary units',
      'memory=1k',
    ],
    [
      'volume=1tb',
      { volumeGi: 1e12 / GI },
      'volume=1tb is read as 1T (decimal); write volume=1T, or volume=931Gi in binary units',
      'volume=1T',
    ],
    [
      'memory=4MiB',
      { memoryGi: 4 / 1024 },
      'memory=4MiB is read as 4Mi; write memory=4Mi',
      'memory=4Mi',
    ],
  ])(
    'reads %j with a warning that gives the spelling',
    (text, value, message, suggestion) => {
      expect(parseResources(text)).toEqual({
        value,
        problems: [{ severity: 'warning', item: text, message, suggestion }],
      });
    },
  );

  it.each([
    [
      'memory=banana',
      {
        message:
          'memory=banana is not a size; write a number and a unit, e.g. memory=8Gi (binary) or memory=8G (decimal)',
      },
    ],
    [
      'memory=8',
      {
        message:
          'memory=8 has no unit, and a bare number would be bytes; write memory=8Gi (or memory=8G)',
        suggestion: 'memory=8Gi',
      },
    ],
    [
      'memory=512m',
      {
        message:
          'memory=512m would be thousandths of a byte (m is milli); write memory=512Mi or memory=512M',
        suggestion: 'memory=512Mi',
      },
    ],
    [
      'memory=8Pi',
      {
        message:
          'memory=8Pi has an unknown unit; write Ki, Mi, Gi or Ti (binary) or k, M, G or T (decimal), e.g. memory=8Gi',
      },
    ],
    [
      'memory=0Gi',
      {
        message:
          'memory=0Gi is no memory at all; write the peak memory of one task, e.g. memory=8Gi',
      },
    ],
    [
      'storage=-1Gi',
      {
        message:
          'storage=-1Gi is not a size; write a number and a unit, e.g. storage=50Gi (binary) or storage=8G (decimal)',
      },
    ],
    [
      'cpu=lots',
      {
        message:
          'cpu=lots is not a CPU quantity; write vCPUs or millicores, e.g. cpu=0.5 or cpu=500m',
      },
    ],
    [
      'cpu=0',
      {
        message:
          'cpu=0 is no CPU at all; write at least cpu=0.25 (or cpu=250m)',
      },
    ],
    [
      'cpu=0m',
      {
        message:
          'cpu=0m is no CPU at all; write at least cpu=250m (or cpu=0.25)',
      },
    ],
    [
      'cpu=500M',
      {
        message:
          'cpu=500M is not a CPU quantity; millicores are a lower-case m: write cpu=500m',
        suggestion: 'cpu=500m',
      },
    ],
    [
      'cpu=2 vCPU',
      {
        message:
          'cpu=2 vCPU is not a CPU quantity; write the number alone, in vCPUs: cpu=2',
        suggestion: 'cpu=2',
      },
    ],
    [
      'gpu=1.5',
      { message: 'gpu=1.5 is not a whole number of GPUs; write e.g. gpu=1' },
    ],
    [
      'privileged=yes',
      {
        message: 'privileged=yes must be privileged=true or privileged=false',
      },
    ],
    ['cpu=', { message: 'cpu has no value; write e.g. cpu=2' }],
    [
      'storage',
      {
        message:
          '"storage" has no value; write key=value, e.g. cpu=2 or memory=4Gi',
      },
    ],
  ])('reports %j and leaves the size unknown', (text, problem) => {
    // A valid sub-key beside the bad one is not enough to know the size.
    expect(parseResources(`volume=1Gi,${text}`)).toEqual({
      problems: [{ severity: 'error', item: text, ...problem }],
    });
  });

  it.each([
    [
      'cpu=2,memory=4Gi,cpu=32',
      [
        {
          severity: 'error',
          item: 'cpu=32',
          message: 'cpu is given twice (cpu=2, cpu=32); keep one',
        },
      ],
    ],
    [
      'memory=1Gi,memory=2Gi,Memory=3Gi,memory=4Gi',
      [
        {
          severity: 'error',
          item: 'memory=2Gi',
          message:
            'memory is given 4 times (memory=1Gi, memory=2Gi, Memory=3Gi, ...); keep one',
        },
      ],
    ],
    [
      'memroy=8Gi,cpu=1,memroy=9Gi,size=3',
      [
        {
          severity: 'error',
          item: 'memroy=8Gi',
          unknownKey: 'memroy',
          message: '"memroy" is not a resource key; did you mean "memory"?',
          suggestion: 'memory',
        },
        {
          severity: 'error',
          item: 'size=3',
          unknownKey: 'size',
          message:
            '"size" is not a resource key; use cpu, memory, gpu, storage, volume, privileged',
        },
      ],
    ],
  ])('reports %j once per sub-key', (text, problems) => {
    expect(parseResources(text)).toEqual({ problems });
  });

  it.each([
    ['', { problems: [] }],
    [' , ', { problems: [] }],
    [
      'x'.repeat(5000),
      {
        problems: [
          {
            severity: 'error',
            item: `${'x'.repeat(40)}…`,
            message: 'the value is 5000 characters long; the limit is 4096',
          },
        ],
      },
    ],
  ])('gives no size for %j', (text, expected) => {
    expect(parseResources(text)).toEqual(expected);
  });

  it.each([
    [
      {
        cpu: 2,
        memoryGi: 4,
        gpu: 0,
        storageGi: 30,
        volumeGi: 100,
        privileged: true,
      },
      'cpu=2,memory=4Gi,gpu=0,storage=30Gi,volume=100Gi,privileged=true',
    ],
    [{ volumeGi: 0.5 }, 'volume=0.5Gi'],
  ])('formats %j back into the annotation syntax', (resources, text) => {
    expect(formatResources(resources)).toBe(text);
    expect(parseResources(text).value).toEqual(resources);
  });
});
