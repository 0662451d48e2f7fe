/**
 * Column widths: the patch, like ExcelJS and the .xlsx file, gives a column's width as the file
 * stores it (characters of the default font's widest digit, padding included); Office.js gives it
 * in points. Excel's conversion for Calibri 11, whose widest digit is 7 pixels; a pixel is 3/4 of a
 * point. Excel snaps widths to whole pixels, so a round trip can move a width by a pixel.
 */

const DIGIT_PX = 7;

export function widthToPoints(width: number): number {
  const px = Math.trunc(((256 * width + Math.trunc(128 / DIGIT_PX)) / 256) * DIGIT_PX);
  return (px * 3) / 4;
}

export function pointsToWidth(points: number): number {
  const px = Math.round((points * 4) / 3);
  return Math.trunc((px / DIGIT_PX) * 256) / 256;
}
