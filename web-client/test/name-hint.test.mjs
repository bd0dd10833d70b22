import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameProblem, NAME_RULE_TEXT } from '../src/main/resources/static/js/name-hint.js';

test('plainFirstNamesPass', () => {
  for (const name of ['Ana', 'Anne-Marie', "O'Neil", 'Zoë', 'Łukasz', 'Мария', '  Sam  ']) {
    assert.equal(nameProblem(name), null, name);
  }
});

test('fullNameIsExplained', () => {
  assert.match(nameProblem('John Smith'), /only your first name/);
});

test('emailIsExplained', () => {
  assert.match(nameProblem('ana@example.com'), /e-mail/);
});

test('phoneNumberIsExplained', () => {
  assert.match(nameProblem('+44 7700 900123'), /phone number/);
});

test('digitsEmojiAndPunctuationAreNotNames', () => {
  assert.ok(nameProblem('Ana2'));
  assert.ok(nameProblem('Ana🙂'));
  assert.ok(nameProblem('Ana!'));
  assert.ok(nameProblem('Anne--Marie'));
  assert.ok(nameProblem('-Ana'));
});

test('emptyAndOverlongAreExplained', () => {
  assert.match(nameProblem('   '), /type your first name/);
  assert.match(nameProblem('A'.repeat(25)), /24/);
});

test('roleWordsAreNotNames', () => {
  assert.match(nameProblem('Facilitator'), /role/);
});

test('ruleTextSaysWhatAFirstNameIs', () => {
  assert.match(NAME_RULE_TEXT, /first name only/i);
});

test('invisibleCharactersAreExplained', () => {
  for (const hidden of ['An\u034Fna', 'Ann\uFE0F', 'Ann\u{E0100}', 'Ana\u200B', '\u3164']) {
    assert.match(nameProblem(hidden) ?? '', /invisible/, JSON.stringify(hidden));
  }
});
