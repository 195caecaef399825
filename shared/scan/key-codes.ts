/**
 * A keyboard-wedge scanner sends key codes; the OS turns them into characters through the active layout,
 * so under a Russian or Kazakh layout "A26-000123" arrives as "Ф26-000123" or even "Фәі-ққққ..." (the
 * Kazakh layout puts letters on the digit row). Reading KeyboardEvent.code gives back what the scanner
 * meant, whatever the layout.
 */
const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCT: Record<string, [string, string]> = {
  Minus: ['-', '_'], Equal: ['=', '+'], BracketLeft: ['[', '{'], BracketRight: [']', '}'], Backslash: ['\\', '|'],
  Semicolon: [';', ':'], Quote: ["'", '"'], Comma: [',', '<'], Period: ['.', '>'], Slash: ['/', '?'], Backquote: ['`', '~'],
  Space: [' ', ' '], NumpadSubtract: ['-', '-'], NumpadDivide: ['/', '/'], NumpadDecimal: ['.', '.'],
};

export function charForKeyCode(code: string, isShift: boolean): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return isShift ? m[1]! : m[1]!.toLowerCase();
  m = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (m) return isShift && code.startsWith('Digit') ? SHIFTED_DIGITS[Number(m[1])]! : m[1]!;
  const p = PUNCT[code];
  return p ? (isShift ? p[1] : p[0]) : null;
}
