import { useEffect, useState } from 'preact/hooks';
import { useWidget } from '../widget-context';
import { Icon } from './icons';

/** Copies `text`; says "Copied" for a moment after it worked. */
export function CopyButton({ text, label, part }: { text: string; label: string; part?: string }) {
  const { copy, strings } = useWidget();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button type="button" class="icon-button" part={part} aria-label={copied ? strings.copied : label} title={copied ? strings.copied : label} onClick={async () => setCopied(await copy(text))}>
      <Icon name="copy" />
      {copied && <span class="copied">{strings.copied}</span>}
    </button>
  );
}
