// The widget demo's controls: script the backend's answers, switch language, theme and mode,
// and list the events the widget fires.
const checkout = document.getElementById("checkout");
const control = (body) =>
  fetch("/control/demo", { method: "POST", body: JSON.stringify(body) });

const SCENARIOS = ["awaiting_payment", "confirming", "converting", "paid", "underpaid", "overpaid",
  "on_hold", "failed", "refunded", "address_reused", "cancelled", "expired", "unknown"];
const FAULTS = ["http500", "timeout", "garbage", "wrong-schema", "offline"];

function buttons(container, names, onClick) {
  for (const name of names) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = name;
    button.addEventListener("click", () => onClick(name));
    document.getElementById(container).append(button);
  }
}

/** Mounts the widget afresh (a finished payment stops polling), after `change`. */
async function remount(change) {
  await change();
  const parent = checkout.parentNode;
  const next = checkout.nextSibling;
  checkout.remove();
  parent.insertBefore(checkout, next);
}

buttons("scenarios", SCENARIOS, (scenario) => remount(() => control({ scenario })));
buttons("faults", FAULTS, (fault) => control({ fault, count: 3 }));
for (const name of ["locale", "theme", "mode"]) {
  document.getElementById(name).addEventListener("change", (event) => {
    checkout.setAttribute(name, event.target.value);
  });
}

const log = document.getElementById("events");
for (const type of ["open", "update", "success", "incomplete", "expired", "error", "cancel"]) {
  checkout.addEventListener(type, (event) => {
    const item = document.createElement("li");
    const state = event.detail.checkout?.state ?? "no document";
    item.textContent = `${new Date().toLocaleTimeString()} ${type}: ${state}${event.detail.error ? ` (${event.detail.error})` : ""}`;
    log.prepend(item);
    if (type === "cancel") remount(() => control({ scenario: "awaiting_payment" }));
  });
}
