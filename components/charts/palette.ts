/**
 * The charts' colours: the Okabe–Ito palette, distinguishable with every common colour-vision
 * deficiency. Charts also vary line style or marker where two series could be confused.
 */
export const OKABE_ITO = {
  blue: "#0072B2",
  orange: "#E69F00",
  vermillion: "#D55E00",
  green: "#009E73",
  skyBlue: "#56B4E9",
  purple: "#CC79A7",
} as const;
