// The frame's own script: asks through the widget's API, waits for the answer on screen, and
// reports what its reader saw to the parent (the frame's origin is opaque: the parent cannot
// look inside, so the frame tells it).
const question = 'How do I embed confab?';
const shadow = () => document.querySelector('confab-chat').shadowRoot;
const text = (selector) => [...shadow().querySelectorAll(selector)].map((element) => element.textContent.trim());
const until = (ready) =>
  new Promise((done, fail) => {
    const started = Date.now();
    const check = () => (ready() ? done() : Date.now() - started > 20000 ? fail(new Error('no answer within 20 s')) : setTimeout(check, 50));
    check();
  });

async function visit() {
  try {
    await window.confab.send(question);
    await until(() => shadow().querySelector('li.message.assistant .actions'));
  } catch (error) {
    window.confabErrors.push({ code: 'frame', message: String(error) });
  }
  parent.postMessage(
    {
      origin: self.origin,
      question,
      answers: text('li.message.assistant .bubble'),
      notice: text('[part~=storage-notice]'),
      errors: window.confabErrors,
    },
    '*',
  );
}

visit();
