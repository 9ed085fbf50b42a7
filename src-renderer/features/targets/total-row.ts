/** Id of the pinned total row: a virtual root over the top units, rolled up by the same code. */
export const TOTAL_ID = '__total';
