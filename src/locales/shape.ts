/** The same keys as the English strings, any string values: the compiler checks French is complete. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
