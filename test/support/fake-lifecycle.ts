import type { PageLifecycle, PageMoment } from '../../src/sdk/analytics/page-lifecycle';

/** A page whose connectivity and lifecycle the test plays. */
export interface FakeLifecycle extends PageLifecycle {
  online: boolean;
  emit(moment: PageMoment): void;
}

export function createFakeLifecycle(): FakeLifecycle {
  const listeners = new Set<(moment: PageMoment) => void>();
  return {
    online: true,
    isOnline() {
      return this.online;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(moment) {
      for (const listener of listeners) listener(moment);
    },
  };
}
