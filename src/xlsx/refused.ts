/** A change that cannot be made safely; the message says where and what to do. */
export class RefusedEdit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedEdit';
  }
}
