import { Entity } from '@backstage/catalog-model';
import {
  groupDescendants,
  groupFactsOf,
  groupParentRefOf,
} from './catalogFacts';

function group(
  name: string,
  options: { parent?: string; childOf?: string; namespace?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: {
      type: 'team',
      children: [],
      ...(options.parent ? { parent: options.parent } : {}),
    },
    relations: options.childOf
      ? [{ type: 'childOf', targetRef: options.childOf }]
      : [],
  };
}

describe('groupParentRefOf', () => {
  it.each([
    ['no parent', group('a'), undefined],
    ['spec.parent, short', group('a', { parent: 'web' }), 'group:default/web'],
    [
      'spec.parent in the Group namespace',
      group('a', { parent: 'web', namespace: 'payments' }),
      'group:payments/web',
    ],
    [
      'the childOf relation first',
      group('a', { parent: 'web', childOf: 'group:default/Platform' }),
      'group:default/platform',
    ],
  ])('%s', (_name, entity, expected) => {
    expect(groupParentRefOf(entity)).toBe(expected);
    expect(groupFactsOf(entity).parentRef).toBe(expected);
  });
});

describe('groupDescendants', () => {
  const refs = (list: { entityRef: string }[] | undefined) =>
    list?.map(d => d.entityRef);

  it('lists each Group itself first, then the Groups below it by depth', () => {
    const tree = groupDescendants([
      { entityRef: 'group:default/eng' },
      { entityRef: 'group:default/web', parentRef: 'group:default/eng' },
      { entityRef: 'group:default/data', parentRef: 'group:default/eng' },
      {
        entityRef: 'group:default/web-content',
        parentRef: 'group:default/web',
      },
    ]);
    expect(tree.get('group:default/eng')).toEqual([
      { entityRef: 'group:default/eng', depth: 0 },
      { entityRef: 'group:default/data', depth: 1 },
      { entityRef: 'group:default/web', depth: 1 },
      { entityRef: 'group:default/web-content', depth: 2 },
    ]);
    expect(refs(tree.get('group:default/web'))).toEqual([
      'group:default/web',
      'group:default/web-content',
    ]);
    expect(refs(tree.get('group:default/web-content'))).toEqual([
      'group:default/web-content',
    ]);
  });

  it('takes a Group whose parent is unknown as a root', () => {
    const tree = groupDescendants([
      { entityRef: 'group:default/a', parentRef: 'group:default/gone' },
    ]);
    expect([...tree.keys()]).toEqual(['group:default/a']);
    expect(refs(tree.get('group:default/a'))).toEqual(['group:default/a']);
  });

  it('follows a cycle of parents once', () => {
    const tree = groupDescendants([
      { entityRef: 'group:default/a', parentRef: 'group:default/b' },
      { entityRef: 'group:default/b', parentRef: 'group:default/a' },
    ]);
    expect(refs(tree.get('group:default/a'))).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(refs(tree.get('group:default/b'))).toEqual([
      'group:default/b',
      'group:default/a',
    ]);
  });
});
