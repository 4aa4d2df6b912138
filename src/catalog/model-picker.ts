/**
 * The state of the model picker, an ARIA 1.2 combobox with a list of models: whether the
 * list is open, what was typed, which option is active. Typing filters by name and id (every
 * word must match); arrows move, Enter picks, Escape closes and puts the chosen model back,
 * leaving the field (Tab, a click elsewhere) closes it. Focus stays in the field throughout,
 * the active option named by `aria-activedescendant`.
 *
 * @module
 */
import type { ReactiveControllerHost } from 'lit';

/** A model the picker offers: its id, and what the catalog says of it. */
export interface ModelChoice<Info> {
  readonly id: string;
  readonly info?: Info;
}

export class ModelPicker {
  open = false;
  query = '';
  active = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The choices that match what was typed. */
  filter<Info extends { readonly name: string }>(choices: readonly ModelChoice<Info>[]): readonly ModelChoice<Info>[] {
    const words = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return choices;
    return choices.filter((choice) => {
      const text = `${choice.info?.name ?? ''} ${choice.id}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }

  toggle(): void {
    this.setOpen(!this.open);
  }

  /** What was typed: the list opens, filtered, its first match active. */
  type(query: string): void {
    this.query = query;
    this.active = 0;
    this.setOpen(true);
  }

  /**
   * A key in the field. `count` is how many options the list shows; `pick` chooses the one
   * at an index. Returns whether the key was the picker's (so its default is prevented).
   */
  key(key: string, altKey: boolean, count: number, pick: (index: number) => void): boolean {
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      if (!this.open || altKey) {
        this.setOpen(true);
        return true;
      }
      this.active = Math.max(0, Math.min(count - 1, this.active + (key === 'ArrowDown' ? 1 : -1)));
    } else if ((key === 'Home' || key === 'End') && this.open && count) {
      this.active = key === 'Home' ? 0 : count - 1;
    } else if (key === 'Enter' && this.open) {
      if (this.active < count) pick(this.active);
      this.close();
    } else if (key === 'Escape' && this.open) {
      this.close();
    } else {
      return false;
    }
    this.host.requestUpdate();
    return true;
  }

  close(): void {
    this.query = '';
    this.setOpen(false);
  }

  private setOpen(open: boolean): void {
    if (open && !this.open) this.active = 0;
    this.open = open;
    this.host.requestUpdate();
  }
}
