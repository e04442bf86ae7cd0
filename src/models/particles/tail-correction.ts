/**
 * Long-range (tail) corrections for potentials truncated at r_c whose reference form beyond
 * r_c is a sum of inverse powers u(r) = sum_k c_k r^(-n_k) (Lennard-Jones: 4 eps sigma^12 r^-12
 * - 4 eps sigma^6 r^-6; soft spheres: eps sigma^n r^-n), assuming g(r) = 1 beyond r_c
 * (Allen & Tildesley, Computer Simulation of Liquids, 2nd ed., §2.8; Frenkel & Smit,
 * Understanding Molecular Simulation, 2nd ed., §3.2.2). With S_d the area of the unit sphere
 * in d dimensions (2 pi, 4 pi):
 *
 *   energy per particle  u_tail = (rho / 2) S_d sum_k c_k r_c^(d - n_k) / (n_k - d)
 *   pressure             P_tail = (rho^2 / (2 d)) S_d sum_k n_k c_k r_c^(d - n_k) / (n_k - d)
 *
 * In 3D for Lennard-Jones these are the familiar (8/3) pi rho eps sigma^3 [(sigma/r_c)^9 / 3 -
 * (sigma/r_c)^3] and (16/3) pi rho^2 eps sigma^3 [(2/3)(sigma/r_c)^9 - (sigma/r_c)^3].
 * Every power must exceed the dimension, or the tail diverges.
 */

/** One inverse-power term c r^(-n) of a potential's long-range form. */
export interface InversePowerTerm {
  coefficient: number;
  power: number;
}

/** Area of the unit sphere in d dimensions: 2 pi in 2D, 4 pi in 3D. */
export function unitSphereArea(dimension: number): number {
  return dimension === 2 ? 2 * Math.PI : 4 * Math.PI;
}

/** Volume (area in 2D) of a ball of radius r. */
export function ballVolume(dimension: number, radius: number): number {
  return dimension === 2 ? Math.PI * radius * radius : (4 / 3) * Math.PI * radius * radius * radius;
}

/** Volume of the spherical shell r0 <= r < r1 in d dimensions. */
export function shellVolume(dimension: number, r0: number, r1: number): number {
  return ballVolume(dimension, r1) - ballVolume(dimension, r0);
}

/** Integral of u(r) S_d r^(d-1) dr from r_c to infinity for u = sum c_k r^-n_k. */
export function inversePowerTailIntegral(terms: readonly InversePowerTerm[], cutoff: number, dimension: number): number {
  let sum = 0;
  for (const { coefficient, power } of terms) sum += (coefficient * cutoff ** (dimension - power)) / (power - dimension);
  return unitSphereArea(dimension) * sum;
}

/** Tail correction to the energy per particle at number density rho (see the module comment). */
export function tailEnergyPerParticle(terms: readonly InversePowerTerm[], cutoff: number, dimension: number, density: number): number {
  return 0.5 * density * inversePowerTailIntegral(terms, cutoff, dimension);
}

/** Tail correction to the pressure at number density rho (see the module comment). */
export function tailPressure(terms: readonly InversePowerTerm[], cutoff: number, dimension: number, density: number): number {
  let sum = 0;
  for (const { coefficient, power } of terms) sum += (power * coefficient * cutoff ** (dimension - power)) / (power - dimension);
  return ((density * density) / (2 * dimension)) * unitSphereArea(dimension) * sum;
}
