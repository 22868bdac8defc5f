/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * The JSON a shields.io endpoint badge reads (what dps-conformance writes to badges/<name>.json). Written from the shields.io documentation, https://shields.io/badges/endpoint-badge (the Schema table), and the validator it documents, badges/shields services/endpoint-common.js (a Joi object: unknown members are refused). See docs/badges.md.
 */
export interface ShieldsIoEndpointBadge {
  /**
   * Required. Always the number 1.
   */
  schemaVersion: 1;
  /**
   * Required. The left text, or the empty string to omit the left side.
   */
  label: string;
  /**
   * Required. Can't be empty. The right text.
   */
  message: string;
  /**
   * The right colour: a named colour (brightgreen, green, yellow, orange, red, lightgrey, blue) or a CSS colour.
   */
  color?: string;
  /**
   * The left colour.
   */
  labelColor?: string;
  /**
   * true: treat the badge as an error badge (not cached as long, colour not overridable).
   */
  isError?: boolean;
  /**
   * One of the named logos of shields or simple-icons.
   */
  namedLogo?: string;
  /**
   * An SVG string of a custom logo.
   */
  logoSvg?: string;
  /**
   * Colour of a named logo; only with namedLogo.
   */
  logoColor?: string;
  /**
   * Width of the logo; shields takes it only with namedLogo or logoSvg (not checked here).
   */
  logoWidth?: number;
  /**
   * flat (default), flat-square, plastic, for-the-badge or social.
   */
  style?: string;
  /**
   * How long shields caches the badge; shields enforces its own minimum.
   */
  cacheSeconds?: number;
}
