/** Every key a for…in over `props` sees, as the encoder and the first paint read props. */
export function keysSeen(props: object): string[] {
  const keys: string[] = [];
  for (const name in props) keys.push(name);
  return keys;
}
