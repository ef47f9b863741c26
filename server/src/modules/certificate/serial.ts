/** Serials are `CDP-<year>-<nnn>`; anything but letters, digits and hyphens cannot be one, whatever the case or surrounding spaces. */
const SERIAL_SHAPE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** The serial as stored, or null when the text cannot be one (then it is not looked up at all). */
export function serialOf(text: string): string | null {
  const serial = text.trim().toUpperCase();
  return SERIAL_SHAPE.test(serial) ? serial : null;
}
