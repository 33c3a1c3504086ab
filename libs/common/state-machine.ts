/**
 * An explicit state machine: the allowed transitions of one status type. Illegal transitions are
 * errors, never silent no-ops (architecture.md).
 */
export class StateMachine<S extends string> {
  constructor(
    readonly entity: string,
    private readonly transitions: Readonly<Record<S, readonly S[]>>,
  ) {}

  canTransition(from: S, to: S): boolean {
    return this.transitions[from].includes(to);
  }

  isTerminal(status: S): boolean {
    return this.transitions[status].length === 0;
  }
}

/** Thrown (and mapped to 409) when an entity is asked to move along an edge its machine lacks. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`A ${entity} in status ${from} cannot move to ${to}`);
  }
}

/** Returns `to`, or throws InvalidTransitionError when the machine forbids the move. */
export function assertTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): S {
  if (!machine.canTransition(from, to)) throw new InvalidTransitionError(machine.entity, from, to);
  return to;
}
