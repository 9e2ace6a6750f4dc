/**
 * Russian function words that carry no meaning for search (after ё→е folding). Based on the
 * Snowball Russian stop list, trimmed: words that can be content in this domain («один», «день»,
 * «время») stay searchable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже ' +
    'для до его ее ей ему если есть еще же за здесь и из или им их к как ко когда кто ли либо ' +
    'между меня мне мы на над надо наш не него нее нет ни них но ну о об однако он она они оно ' +
    'от очень по под после при про с со так также такой там те тем то того тоже той только том ' +
    'ты у уже хотя чего чей чем что чтобы чье чья эта эти это этого этой этом этот я ' +
    // English ones, for the few English words in a Russian text.
    'the of and or to in on at for is are be by with'
  ).split(' ')
);
