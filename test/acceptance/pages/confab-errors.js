// Keeps every confab-error the widget fires (they bubble out of its shadow root), from before
// the widget mounts, in `window.confabErrors`: the storage cases read them there, in every
// engine and in an opaque origin, where no test init script may reach the page.
window.confabErrors = [];
document.addEventListener('confab-error', (event) => window.confabErrors.push({ code: event.detail.code, message: event.detail.message }));
