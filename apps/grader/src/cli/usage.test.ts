import type { CommandDef } from 'citty';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { loadMessages } from '../messages/locale.js';
import { argsOf, metaOf, renderUsage, subCommandsOf } from './usage.js';

/** Every command of the CLI with its path (`lab run`), walking the real command table. */
async function everyCommand(): Promise<{ path: string[]; cmd: CommandDef }[]> {
  const found: { path: string[]; cmd: CommandDef }[] = [];
  const walk = async (path: string[], cmd: CommandDef): Promise<void> => {
    found.push({ path, cmd });
    for (const [name, sub] of Object.entries(await subCommandsOf(cmd))) {
      await walk([...path, name], typeof sub === 'function' ? await (sub as () => Promise<CommandDef>)() : await sub);
    }
  };
  for (const [name, load] of Object.entries(commands)) await walk([name], await load());
  return found;
}

describe('usage in the reader\'s language', () => {
  const en = loadMessages('en');
  const pt = loadMessages('pt-BR');

  it("en's usage.* is each command's own description (what citty reads), and pt-BR says each one", async () => {
    const all = await everyCommand();
    expect(all.length).toBeGreaterThan(15);
    for (const { path, cmd } of all) {
      const key = ['usage', ...path].join('.');
      expect(en.get(`${key}.about`), key).toBe((await metaOf(cmd))?.description);
      for (const [arg, def] of Object.entries(await argsOf(cmd))) {
        expect(en.get(`${key}.args.${arg}`), `${key} ${arg}`).toBe(def.description);
        expect(pt.has(`${key}.args.${arg}`), `${key} ${arg}`).toBe(true);
      }
    }
  });

  it('renders a command\'s help in pt-BR: headings, descriptions, defaults and what is required', async () => {
    const grade = await commands.grade!();
    const text = await renderUsage(pt, ['grade'], grade);
    expect(text).toContain('USO fitcheck grade [OPÇÕES] <DIR>');
    expect(text).toMatch(/^ {2}DIR +Pasta do envio \(contém lab5\.yaml ou lab5\.json\) \(obrigatório\)$/m);
    expect(text).toMatch(/^ {2}--profile=<profile> +check \(curto\), ci \(monitor, conjunto oculto\) ou full \(o notebook\) \(padrão: check\)$/m);
    expect(text).not.toMatch(/\b(USAGE|OPTIONS|Default|required)\b/);
    const lab = await renderUsage(pt, ['lab'], await commands.lab!());
    expect(lab).toMatch(/COMANDOS\n\n {2}run +Treina todos os modelos/);
    expect(await renderUsage(en, ['lab'], await commands.lab!())).toMatch(/COMMANDS\n\n {2}run +Train every model/);
  });
});
