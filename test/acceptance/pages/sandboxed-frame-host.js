// What the sandboxed frame reports about its visit (sandboxed-frame.js), kept for the test.
window.frameReports = [];
addEventListener('message', (event) => window.frameReports.push(event.data));
