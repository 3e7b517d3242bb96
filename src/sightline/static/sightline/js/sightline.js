// Start GOV.UK Frontend and MoJ Frontend components on every page.
//
// Loaded as a module from a file rather than written inline, so that the Content-Security-
// Policy can forbid inline scripts. Only browsers that run modules get here, which is the
// support test GOV.UK Frontend's own template makes before adding these classes.
import { initAll as initGovukFrontend } from "../../vendor/govuk/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "../../vendor/moj/moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initGovukFrontend();
initMojFrontend();

// A print button only where printing is offered, and only when script runs to press it.
for (const button of document.querySelectorAll("[data-sl-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Wide tables scroll sideways inside their own region on a small screen, rather than making the
// whole page wider than the phone. Tables already wrapped in a template are left alone; the
// region is named from the table's caption so a screen reader says what scrolls.
for (const table of document.querySelectorAll("main .govuk-table")) {
  if (table.closest(".sl-table-scroll")) continue;
  const region = document.createElement("div");
  region.className = "sl-table-scroll";
  region.tabIndex = 0;
  region.setAttribute("role", "region");
  const caption = table.caption ? table.caption.textContent.trim() : "";
  region.setAttribute("aria-label", `${caption || "Table"}, scrolls sideways on a small screen`);
  table.parentNode.insertBefore(region, table);
  region.appendChild(table);
}
