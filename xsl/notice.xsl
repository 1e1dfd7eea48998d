<?xml version="1.0" encoding="UTF-8"?>
<!--
  A notice (通报, pages/notices.c) as a document: included by the page
  (pages/notice.xsl) and the print (print/notice.xsl), so the two say the
  same. The layout follows the seed notice (五教发中心〔2022〕1 号): the
  number, the title, the addressee, the text, one numbered section per list
  that names anyone, the closing, the issuer and date on the right, 抄送,
  and the line of the office that printed it. Also the form of a draft.
  Needs layout.xsl's "str" and "input" (the including stylesheet imports it).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="ns">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <!-- 2022-03-02 as 2022 年 3 月 2 日. -->
  <xsl:template name="cn-date">
    <xsl:param name="d"/>
    <xsl:value-of select="substring($d, 1, 4)"/>
    <xsl:call-template name="ns"><xsl:with-param name="k" select="'date.year'"/></xsl:call-template>
    <xsl:value-of select="number(substring($d, 6, 2))"/>
    <xsl:call-template name="ns"><xsl:with-param name="k" select="'date.month'"/></xsl:call-template>
    <xsl:value-of select="number(substring($d, 9, 2))"/>
    <xsl:call-template name="ns"><xsl:with-param name="k" select="'date.day'"/></xsl:call-template>
  </xsl:template>

  <!-- Text with line breaks as paragraphs, blank lines dropped. -->
  <xsl:template name="paragraphs">
    <xsl:param name="t"/>
    <xsl:variable name="line">
      <xsl:choose>
        <xsl:when test="contains($t, '&#10;')"><xsl:value-of select="substring-before($t, '&#10;')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($line) != ''">
      <p class="body"><xsl:value-of select="normalize-space($line)"/></p>
    </xsl:if>
    <xsl:if test="contains($t, '&#10;')">
      <xsl:call-template name="paragraphs"><xsl:with-param name="t" select="substring-after($t, '&#10;')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The ordinal of a section among those printed: 一、二、三. -->
  <xsl:template name="ordinal">
    <xsl:param name="n"/>
    <xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notice.ordinal.', $n)"/></xsl:call-template>
  </xsl:template>

  <!-- The document itself (the current node is /page). -->
  <xsl:template name="notice-document">
    <xsl:variable name="n" select="notice"/>
    <xsl:variable name="l" select="lists"/>
    <xsl:variable name="has-late" select="count($l/late/school) &gt; 0"/>
    <xsl:variable name="has-bad" select="count($l/nonstandard/school) &gt; 0"/>
    <xsl:variable name="has-below" select="count($l/below/school) &gt; 0"/>
    <article class="notice-doc">
      <xsl:if test="$n/@state = 'draft'">
        <p class="draft-mark"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.draft-mark'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:if test="$n/@number"><p class="doc-number"><xsl:value-of select="$n/@number"/></p></xsl:if>
      <hr class="doc-rule"/>
      <h1 class="doc-title"><xsl:value-of select="$n/title"/></h1>
      <xsl:if test="$n/addressee"><p class="addressee"><xsl:value-of select="$n/addressee"/></p></xsl:if>
      <xsl:call-template name="paragraphs"><xsl:with-param name="t" select="$n/opening"/></xsl:call-template>

      <xsl:if test="$has-late">
        <h2 class="section">
          <xsl:call-template name="ordinal"><xsl:with-param name="n" select="1"/></xsl:call-template>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.section.late'"/></xsl:call-template>
        </h2>
        <p class="body"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.late-intro'"/></xsl:call-template></p>
        <table class="notice-list late">
          <thead><tr>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.no'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.school'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.late.deadline'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.late.handed-in'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$l/late/school">
              <tr>
                <xsl:if test="@id = /page/@school"><xsl:attribute name="class">mine</xsl:attribute></xsl:if>
                <td class="num"><xsl:value-of select="position()"/></td>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@deadline"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@handed-in"><xsl:value-of select="@handed-in"/></xsl:when>
                    <xsl:otherwise><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.late.not-handed-in'"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>

      <xsl:if test="$has-bad">
        <h2 class="section">
          <xsl:call-template name="ordinal"><xsl:with-param name="n" select="1 + number($has-late)"/></xsl:call-template>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.section.nonstandard'"/></xsl:call-template>
        </h2>
        <p class="body">
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.nonstandard-intro-pre'"/></xsl:call-template>
          <xsl:value-of select="$l/nonstandard/@over"/>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.nonstandard-intro-post'"/></xsl:call-template>
        </p>
        <table class="notice-list nonstandard">
          <thead><tr>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.no'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.school'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.bad.reviewed'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.bad.returned'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.bad.rejected'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.bad.irregular'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$l/nonstandard/school">
              <tr>
                <xsl:if test="@id = /page/@school"><xsl:attribute name="class">mine</xsl:attribute></xsl:if>
                <td class="num"><xsl:value-of select="position()"/></td>
                <td><xsl:value-of select="@name"/></td>
                <td class="num"><xsl:value-of select="@reviewed"/></td>
                <td class="num"><xsl:value-of select="@returned"/></td>
                <td class="num"><xsl:value-of select="@rejected"/></td>
                <td class="num"><strong><xsl:value-of select="@irregular"/></strong></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>

      <xsl:if test="$has-below">
        <xsl:variable name="p" select="policy"/>
        <h2 class="section">
          <xsl:call-template name="ordinal"><xsl:with-param name="n" select="1 + number($has-late) + number($has-bad)"/></xsl:call-template>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.section.below'"/></xsl:call-template>
        </h2>
        <p class="body">
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below-intro'"/></xsl:call-template>
          <xsl:if test="$p/@min">
            <xsl:text>（</xsl:text>
            <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.regular'"/></xsl:call-template>
            <xsl:value-of select="$p/@min"/>
            <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.hours'"/></xsl:call-template>
            <xsl:if test="$p/@normative-min">
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.normative'"/></xsl:call-template>
              <xsl:value-of select="$p/@normative-min"/>
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.hours'"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="$p/@new-teacher">
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.new-teacher'"/></xsl:call-template>
              <xsl:value-of select="$p/@new-teacher"/>
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.hours'"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="$p/@new-principal">
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.new-principal'"/></xsl:call-template>
              <xsl:value-of select="$p/@new-principal"/>
              <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.hours'"/></xsl:call-template>
            </xsl:if>
            <xsl:text>）</xsl:text>
          </xsl:if>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below-count-pre'"/></xsl:call-template>
          <xsl:value-of select="$l/below/@schools"/>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below-count-mid'"/></xsl:call-template>
          <xsl:value-of select="$l/below/@count"/>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below-count-post'"/></xsl:call-template>
        </p>
        <table class="notice-list below">
          <thead><tr>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.no'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.confirmed'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.threshold'"/></xsl:call-template></th>
            <th><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.gap'"/></xsl:call-template></th>
          </tr></thead>
          <!-- One body per school: its name as a row of its own, so a long list breaks across pages. -->
          <xsl:for-each select="$l/below/school">
            <tbody class="school-group">
              <xsl:if test="@id = /page/@school"><xsl:attribute name="class">school-group mine</xsl:attribute></xsl:if>
              <tr class="school-row">
                <th colspan="7" class="school-cell"><xsl:value-of select="@name"/>
                  <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.school-count-pre'"/></xsl:call-template><xsl:value-of select="count(teacher)"/><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.school-count-post'"/></xsl:call-template></th>
              </tr>
              <xsl:for-each select="teacher">
                <tr>
                  <xsl:if test="../@id = /page/@school"><xsl:attribute name="class">mine</xsl:attribute></xsl:if>
                  <td class="num"><xsl:value-of select="position()"/></td>
                  <td><xsl:value-of select="."/></td>
                  <td><xsl:value-of select="@staff-no"/></td>
                  <td><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@confirmed"/></td>
                  <td class="num"><xsl:value-of select="@threshold"/></td>
                  <td class="num">
                    <xsl:value-of select="@gap"/>
                    <xsl:if test="@below-normative">
                      <xsl:if test="@gap"><br/></xsl:if>
                      <span class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.below.normative-short'"/></xsl:call-template><xsl:value-of select="@normative"/>/<xsl:value-of select="@normative-min"/></span>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </xsl:for-each>
        </table>
      </xsl:if>

      <xsl:if test="not($has-late or $has-bad or $has-below)">
        <p class="body"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.nothing'"/></xsl:call-template></p>
      </xsl:if>

      <xsl:call-template name="paragraphs"><xsl:with-param name="t" select="$n/closing"/></xsl:call-template>
      <div class="issuer-block">
        <p class="issuer"><xsl:value-of select="$n/issuer"/></p>
        <p class="issued-on"><xsl:call-template name="cn-date"><xsl:with-param name="d" select="$n/@issued-on"/></xsl:call-template></p>
      </div>
      <xsl:if test="$n/copy-to or $n/printer">
        <div class="doc-foot">
          <xsl:if test="$n/copy-to">
            <p class="copy-to"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.copy-to'"/></xsl:call-template><xsl:value-of select="$n/copy-to"/></p>
          </xsl:if>
          <xsl:if test="$n/printer">
            <p class="printer"><span><xsl:value-of select="$n/printer"/></span>
              <span class="printed-on"><xsl:call-template name="cn-date"><xsl:with-param name="d" select="$n/@issued-on"/></xsl:call-template><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.printed'"/></xsl:call-template></span></p>
          </xsl:if>
        </div>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- A labelled textarea that keeps what was typed. -->
  <xsl:template name="notice-textarea">
    <xsl:param name="n"/>
    <xsl:param name="default"/>
    <xsl:variable name="f" select="/page/form[@name = 'notice']"/>
    <div class="field">
      <xsl:if test="$f/form-error[@field = $n]"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$n}"><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notice.field.', $n)"/></xsl:call-template></label>
      <textarea id="f-{$n}" name="{$n}" rows="5">
        <xsl:choose>
          <xsl:when test="$f/value[@name = $n]"><xsl:value-of select="$f/value[@name = $n]"/></xsl:when>
          <xsl:when test="$f/@new"><xsl:value-of select="$default"/></xsl:when>
        </xsl:choose>
      </textarea>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- A labelled line that keeps what was typed, or on a new notice the default. -->
  <xsl:template name="notice-line">
    <xsl:param name="n"/>
    <xsl:param name="default"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:variable name="f" select="/page/form[@name = 'notice']"/>
    <div class="field">
      <xsl:if test="$f/form-error[@field = $n]"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$n}"><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notice.field.', $n)"/></xsl:call-template></label>
      <input id="f-{$n}" name="{$n}" type="{$type}" autocomplete="off">
        <xsl:attribute name="value">
          <xsl:choose>
            <xsl:when test="$f/value[@name = $n]"><xsl:value-of select="$f/value[@name = $n]"/></xsl:when>
            <xsl:when test="$f/@new"><xsl:value-of select="$default"/></xsl:when>
          </xsl:choose>
        </xsl:attribute>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- The form of a new notice (action /district/notices) or of a draft (its own path). -->
  <xsl:template name="notice-form">
    <xsl:param name="action"/>
    <xsl:param name="button"/>
    <xsl:variable name="f" select="/page/form[@name = 'notice']"/>
    <!-- The year the defaults speak of: the one chosen, else the notice's. -->
    <xsl:variable name="year-id" select="$f/value[@name = 'year']"/>
    <xsl:variable name="year">
      <xsl:choose>
        <xsl:when test="/page/notice/@year"><xsl:value-of select="/page/notice/@year"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="/page/years/year[@id = $year-id]/@label"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$f/form-error"><p class="notice" role="alert"><xsl:call-template name="ns"><xsl:with-param name="k" select="'record-new.has-errors'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="{$action}" class="notice-form">
      <xsl:call-template name="csrf"/>
      <xsl:if test="/page/years">
        <div class="field">
          <xsl:if test="$f/form-error[@field = 'year']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-year"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.field.year'"/></xsl:call-template></label>
          <select id="f-year" name="year">
            <xsl:for-each select="/page/years/year">
              <option value="{@id}">
                <xsl:if test="@id = $year-id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@label"/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'year'"/></xsl:call-template>
        </div>
      </xsl:if>
      <xsl:call-template name="notice-line"><xsl:with-param name="n" select="'number'"/></xsl:call-template>
      <p class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.number-hint'"/></xsl:call-template></p>
      <xsl:call-template name="notice-line">
        <xsl:with-param name="n" select="'title'"/>
        <xsl:with-param name="default"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.title-pre'"/></xsl:call-template><xsl:value-of select="$year"/><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.title-post'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="notice-line">
        <xsl:with-param name="n" select="'addressee'"/>
        <xsl:with-param name="default"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.addressee'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="notice-textarea">
        <xsl:with-param name="n" select="'opening'"/>
        <xsl:with-param name="default"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.opening-pre'"/></xsl:call-template><xsl:value-of select="$year"/><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.opening-post'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="notice-line"><xsl:with-param name="n" select="'nonstandard_over'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <p class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.nonstandard-hint'"/></xsl:call-template></p>
      <xsl:call-template name="notice-textarea">
        <xsl:with-param name="n" select="'closing'"/>
        <xsl:with-param name="default"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.closing'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="notice-line"><xsl:with-param name="n" select="'issuer'"/></xsl:call-template>
      <xsl:call-template name="notice-line"><xsl:with-param name="n" select="'issued_on'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
      <xsl:call-template name="notice-line"><xsl:with-param name="n" select="'copy_to'"/></xsl:call-template>
      <xsl:call-template name="notice-line">
        <xsl:with-param name="n" select="'printer'"/>
        <xsl:with-param name="default"><xsl:value-of select="$f/value[@name = 'issuer']"/><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.default.printer-post'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <button type="submit" class="primary"><xsl:call-template name="ns"><xsl:with-param name="k" select="$button"/></xsl:call-template></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
