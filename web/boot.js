// Runs before the planner's own code, as a file of its own (the page's Content-Security-Policy
// allows no inline script). It marks the page as running script, so that index.html shows its
// "loading" message and not the one for browsers without JavaScript, and it shows the failure
// message when the planner's code or WebAssembly cannot load or start. The planner removes the
// whole #boot block once it runs.
document.documentElement.classList.add('js');
const failed = () => {
  if (document.getElementById('boot')) document.documentElement.classList.add('boot-failed');
};
// Capturing, because a script that fails to load reports on its own element, not the window.
addEventListener('error', failed, true);
addEventListener('unhandledrejection', failed);
