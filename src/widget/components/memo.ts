import { Component, type ComponentType, type FunctionComponent } from 'preact';

/**
 * A component that re-renders only when a prop changes (shallow comparison). Preact keeps
 * `memo` in preact/compat, which would add the whole React-compatibility layer to the
 * script-tag bundle for this one function.
 */
export function memo<P extends object>(render: FunctionComponent<P>): ComponentType<P> {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P) {
      const keys = new Set([...Object.keys(this.props), ...Object.keys(next)]) as Set<keyof P>;
      return [...keys].some((key) => this.props[key] !== next[key]);
    }

    override render() {
      return render(this.props);
    }
  };
}
