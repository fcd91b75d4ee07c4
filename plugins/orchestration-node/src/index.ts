/**
 * Node library of the Orchestration plugins: the platform-team rule of the
 * Orchestration permissions for an adopter's own permission policy, and the
 * bounded catalog calls it needs.
 *
 * @packageDocumentation
 */

export * from './catalogTimeout';
export * from './permissions';
