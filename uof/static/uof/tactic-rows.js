// "Add another row" on the tactics page, without a page reload. Without this script the button
// posts the form and the server adds the row, keeping what was typed, so nothing depends on it.
const rows = document.getElementById("tactic-rows");
const template = document.getElementById("tactic-row-template");
const count = document.querySelector("[data-tactic-rows-count]");
const add = document.querySelector("[data-tactic-rows-add]");

if (rows && template && count && add) {
  const first = Number(rows.dataset.firstNumber);
  const most = Number(rows.dataset.maxRows);
  add.addEventListener("click", (event) => {
    event.preventDefault();
    const index = Number(count.value) + 1;
    const html = template.innerHTML.replaceAll("__index__", String(index))
      .replaceAll("__number__", String(first + index - 1));
    rows.insertAdjacentHTML("beforeend", html);
    count.value = String(index);
    document.getElementById(`tactic-${index}`).focus();
    if (index >= most) add.hidden = true;
  });
}
