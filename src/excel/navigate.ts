/** Taking the officer to a cell (a finding's cell, an action's row): activate its sheet and select it, in one round trip. */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/** The address of the officer's selection, as Excel writes it ("'Delivery plan'!A3:H40"): a plan the officer points at. */
export async function selectedAddress(context: Excel.RequestContext): Promise<string> {
  const range = context.workbook.getSelectedRange().load('address');
  await context.sync();
  return range.address;
}
