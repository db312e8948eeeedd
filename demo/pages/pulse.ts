/**
 * The PulseAI page around the script-tag launcher: the docs pages' theme control and "ask"
 * buttons, and a panel that scripts how the PulseAI reference server answers the next
 * question (`POST /api/pulse/v1/__script`), to see the widget's retry, moderation and agent views.
 */
import './docs';

const note = document.getElementById('script-note') as HTMLElement;
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-script]')) {
  button.addEventListener('click', async () => {
    try {
      const response = await fetch('/api/pulse/v1/__script', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ mode: button.dataset['script'] }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { pending } = (await response.json()) as { pending: string[] };
      note.textContent = `Next answers: ${pending.join(', ')}. Now ask something.`;
    } catch (error) {
      note.textContent = `Could not script the server: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
}
